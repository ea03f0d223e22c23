package org.mburoja.incidents.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.mburoja.incidents.reporting.SignificanceAssessment.Criterion;

/**
 * Decides whether an incident is significant, from the operator's {@link SignificanceAnswers}.
 *
 * <p>Criteria implemented (one is enough):
 * <ul>
 *   <li>NIS2 Art. 23(3)(a) severe operational disruption or financial loss; Art. 23(3)(b) considerable damage to
 *       others: for every operator.</li>
 *   <li>IR 2024/2690 Art. 3(1)(a) direct financial loss over EUR 500,000 or 5 % of the preceding year's turnover,
 *       whichever is lower; (b) exfiltration of trade secrets; (c) death of a natural person; (d) considerable
 *       damage to a natural person's health; (e) successful, suspectedly malicious and unauthorised access capable of
 *       causing severe operational disruption; (f) recurring incidents (Art. 4: at least twice in 6 months, same
 *       apparent root cause, collectively meeting Art. 3(1)(a)). Art. 3(2): scheduled interruptions and planned
 *       maintenance are not significant on that ground.</li>
 *   <li>Art. 5 DNS service providers: unavailable over 30 min; average response over 10 s for over 1 h; data
 *       compromise, unless fewer than 1,000 domain names and at most 1 % of those managed are affected by a
 *       misconfiguration.</li>
 *   <li>Art. 6 TLD name registries: any complete unavailability; response over 10 s for over 1 h; compromise of
 *       data related to the technical operation of the TLD.</li>
 *   <li>Art. 7 cloud computing service providers: unavailable over 30 min; limited availability for over 5 % of
 *       users or over 1,000,000 users (whichever is smaller) for over 1 h; compromise by a suspectedly malicious
 *       action; compromise affecting over 5 % or over 1,000,000 users.</li>
 *   <li>Art. 8 data centre service providers: complete unavailability; limited availability over 1 h; compromise by
 *       a suspectedly malicious action; compromised physical access.</li>
 * </ul>
 *   <li>Art. 9 content delivery network providers and Art. 10 managed (security) service providers: the four
 *       criteria of Art. 7 (over 30 min complete unavailability; limited availability for over 5 % or over 1,000,000
 *       users, whichever is smaller, for over 1 h; compromise by a suspectedly malicious action; compromise affecting
 *       over 5 % or over 1,000,000 users).</li>
 *   <li>Art. 11 online marketplaces, Art. 12 online search engines, Art. 13 social networking services platforms:
 *       completely unavailable, or limited availability, for over 5 % or over 1,000,000 users (whichever is smaller),
 *       with no minimum duration; compromise by a suspectedly malicious action; compromise affecting over 5 % or over
 *       1,000,000 users.</li>
 *   <li>Art. 14 trust service providers: completely unavailable for over 20 min; unavailable to users or relying
 *       parties for over 1 h in the calendar week; limited availability for over 1 % or over 200,000 users or relying
 *       parties (whichever is smaller); compromised physical access to a restricted area; compromise affecting over
 *       0.1 % or over 100 users or relying parties (whichever is smaller).</li>
 * </ul>
 * Limits: one count of affected users serves every user-based criterion, so when an incident both limits availability
 * and compromises data the larger group should be given. "Users" include relying parties for trust services. When the
 * total number of users in the Union is unknown only the absolute figure (1,000,000; 200,000; 100) is compared, so an
 * unknown total can only under-state significance; the reasons name the figures used so an analyst can check them.
 */
public final class SignificanceAssessor {

    static final BigDecimal LOSS_CAP_EUR = new BigDecimal("500000");
    static final BigDecimal LOSS_TURNOVER_SHARE = new BigDecimal("0.05");
    static final long USERS_CAP = 1_000_000L;
    static final long TRUST_LIMITED_CAP = 200_000L;
    static final long TRUST_COMPROMISE_CAP = 100L;

    public SignificanceAssessment assess(SignificanceAnswers a) {
        List<Criterion> met = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        EntityType type = a.entityType();

        boolean outageCounts = !a.scheduledMaintenance();
        if (a.scheduledMaintenance()) {
            notes.add("IR 2024/2690 Art. 3(2): unavailability from scheduled interruptions or planned maintenance is not counted");
        }
        if (a.severeOperationalDisruption() && outageCounts) {
            met.add(new Criterion("NIS2 Art. 23(3)(a)", "severe operational disruption of the services"));
        }
        if (a.considerableDamageToOthers()) {
            met.add(new Criterion("NIS2 Art. 23(3)(b)", "considerable material or non-material damage to other persons"));
        }
        BigDecimal threshold = lossThreshold(a.annualTurnoverEur());
        if (exceeds(a.financialLossEur(), threshold)) {
            met.add(new Criterion(type.underRegulation2024_2690() ? "IR 2024/2690 Art. 3(1)(a)" : "NIS2 Art. 23(3)(a)",
                    "direct financial loss of EUR " + plain(a.financialLossEur()) + " exceeds EUR " + plain(threshold)
                            + " (EUR 500,000 or 5 % of turnover, whichever is lower)"));
        }
        if (type.underRegulation2024_2690()) {
            horizontal(a, threshold, met);
            switch (type) {
                case DNS_SERVICE_PROVIDER -> dns(a, outageCounts, met);
                case TLD_NAME_REGISTRY -> tld(a, outageCounts, met);
                case CLOUD_COMPUTING_SERVICE_PROVIDER -> cloud(a, outageCounts, met);
                case DATA_CENTRE_SERVICE_PROVIDER -> dataCentre(a, outageCounts, met);
                case CONTENT_DELIVERY_NETWORK_PROVIDER -> EntitySpecificCriteria.cdnOrManaged(a, outageCounts, met,
                        "Art. 9", "content delivery network");
                case MANAGED_SERVICE_PROVIDER, MANAGED_SECURITY_SERVICE_PROVIDER -> EntitySpecificCriteria.cdnOrManaged(
                        a, outageCounts, met, "Art. 10", "managed (security) service");
                case ONLINE_MARKETPLACE -> EntitySpecificCriteria.platform(a, outageCounts, met, "Art. 11", "online marketplace");
                case ONLINE_SEARCH_ENGINE -> EntitySpecificCriteria.platform(a, outageCounts, met, "Art. 12", "online search engine");
                case SOCIAL_NETWORKING_PLATFORM -> EntitySpecificCriteria.platform(a, outageCounts, met, "Art. 13",
                        "social networking services platform");
                case TRUST_SERVICE_PROVIDER -> EntitySpecificCriteria.trustService(a, outageCounts, met);
                case OTHER -> throw new IllegalStateException("OTHER is not under IR 2024/2690");
            }
        } else {
            if (a.deathCaused() || a.considerableHealthDamage()) {
                met.add(new Criterion("NIS2 Art. 23(3)(b)", "death or considerable damage to a person's health"));
            }
        }
        return new SignificanceAssessment(!met.isEmpty(), met, notes);
    }

    private static void horizontal(SignificanceAnswers a, BigDecimal threshold, List<Criterion> met) {
        if (a.tradeSecretsExfiltrated()) {
            met.add(new Criterion("IR 2024/2690 Art. 3(1)(b)", "exfiltration of trade secrets"));
        }
        if (a.deathCaused()) {
            met.add(new Criterion("IR 2024/2690 Art. 3(1)(c)", "death of a natural person"));
        }
        if (a.considerableHealthDamage()) {
            met.add(new Criterion("IR 2024/2690 Art. 3(1)(d)", "considerable damage to a natural person's health"));
        }
        if (a.maliciousUnauthorisedAccess()) {
            met.add(new Criterion("IR 2024/2690 Art. 3(1)(e)",
                    "successful, suspectedly malicious and unauthorised access capable of causing severe operational disruption"));
        }
        if (a.recurrencesSameRootCause6Months() >= 1 && exceeds(a.recurrencesCollectiveLossEur(), threshold)) {
            met.add(new Criterion("IR 2024/2690 Art. 3(1)(f), Art. 4",
                    (a.recurrencesSameRootCause6Months() + 1) + " incidents with the same apparent root cause within 6 months,"
                            + " together exceeding EUR " + plain(threshold)));
        }
    }

    private static void dns(SignificanceAnswers a, boolean outageCounts, List<Criterion> met) {
        if (outageCounts && over(a.completeUnavailabilityMinutes(), 30)) {
            met.add(new Criterion("IR 2024/2690 Art. 5(a)", "name resolution completely unavailable for over 30 minutes"));
        }
        if (outageCounts && over(a.degradedMinutes(), 60)) {
            met.add(new Criterion("IR 2024/2690 Art. 5(b)", "average response time over 10 s for over one hour"));
        }
        if (a.dataCompromised()) {
            boolean excepted = a.compromiseByMisconfiguration() && a.affectedDomainNames() != null
                    && a.affectedDomainNames() < 1000 && a.managedDomainNames() != null && a.managedDomainNames() > 0
                    && a.affectedDomainNames() * 100 <= a.managedDomainNames();
            if (!excepted) {
                met.add(new Criterion("IR 2024/2690 Art. 5(c)",
                        "integrity, confidentiality or authenticity of authoritative resolution data compromised"));
            }
        }
    }

    private static void tld(SignificanceAnswers a, boolean outageCounts, List<Criterion> met) {
        if (outageCounts && over(a.completeUnavailabilityMinutes(), 0)) {
            met.add(new Criterion("IR 2024/2690 Art. 6(a)", "authoritative name resolution completely unavailable"));
        }
        if (outageCounts && over(a.degradedMinutes(), 60)) {
            met.add(new Criterion("IR 2024/2690 Art. 6(b)", "average response time over 10 s for over one hour"));
        }
        if (a.dataCompromised()) {
            met.add(new Criterion("IR 2024/2690 Art. 6(c)", "data related to the technical operation of the TLD compromised"));
        }
    }

    private static void cloud(SignificanceAnswers a, boolean outageCounts, List<Criterion> met) {
        if (outageCounts && over(a.completeUnavailabilityMinutes(), 30)) {
            met.add(new Criterion("IR 2024/2690 Art. 7(a)", "service completely unavailable for over 30 minutes"));
        }
        boolean manyUsers = manyUsers(a.affectedUsers(), a.totalUsers());
        if (outageCounts && over(a.degradedMinutes(), 60) && manyUsers) {
            met.add(new Criterion("IR 2024/2690 Art. 7(b)",
                    "availability limited for over 5 % of users or over 1,000,000 users for over one hour"));
        }
        if (a.dataCompromised() && a.dataCompromiseSuspectedMalicious()) {
            met.add(new Criterion("IR 2024/2690 Art. 7(c)", "service data compromised by a suspectedly malicious action"));
        }
        if (a.dataCompromised() && manyUsers) {
            met.add(new Criterion("IR 2024/2690 Art. 7(d)", "data compromise affecting over 5 % of users or over 1,000,000 users"));
        }
    }

    private static void dataCentre(SignificanceAnswers a, boolean outageCounts, List<Criterion> met) {
        if (outageCounts && over(a.completeUnavailabilityMinutes(), 0)) {
            met.add(new Criterion("IR 2024/2690 Art. 8(a)", "data centre service completely unavailable"));
        }
        if (outageCounts && over(a.degradedMinutes(), 60)) {
            met.add(new Criterion("IR 2024/2690 Art. 8(b)", "data centre service availability limited for over one hour"));
        }
        if (a.dataCompromised() && a.dataCompromiseSuspectedMalicious()) {
            met.add(new Criterion("IR 2024/2690 Art. 8(c)", "data centre service compromised by a suspectedly malicious action"));
        }
        if (a.physicalAccessCompromised()) {
            met.add(new Criterion("IR 2024/2690 Art. 8(d)", "physical access to a data centre compromised"));
        }
    }

    /** EUR 500,000 or 5 % of turnover, whichever is lower; EUR 500,000 when the turnover is unknown. */
    static BigDecimal lossThreshold(BigDecimal turnover) {
        if (turnover == null || turnover.signum() <= 0) {
            return LOSS_CAP_EUR;
        }
        BigDecimal share = turnover.multiply(LOSS_TURNOVER_SHARE).setScale(2, RoundingMode.HALF_UP);
        return share.min(LOSS_CAP_EUR);
    }

    /** More than 5 % of the users in the Union or more than 1,000,000 of them, whichever number is smaller. */
    static boolean manyUsers(Long affected, Long total) {
        return overShareOrCap(affected, total, 50, USERS_CAP);
    }

    /**
     * {@code affected} exceeds {@code perMille}/1000 of {@code total} or {@code cap}, whichever is smaller; i.e. it
     * exceeds either of them. An unknown or zero total leaves only the cap.
     */
    static boolean overShareOrCap(Long affected, Long total, int perMille, long cap) {
        if (affected == null) {
            return false;
        }
        if (affected > cap) {
            return true;
        }
        return total != null && total > 0 && affected * 1000 > total * perMille;
    }

    private static boolean exceeds(BigDecimal v, BigDecimal threshold) {
        return v != null && v.compareTo(threshold) > 0;
    }

    static boolean over(Integer minutes, int limit) {
        return minutes != null && minutes > limit;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
