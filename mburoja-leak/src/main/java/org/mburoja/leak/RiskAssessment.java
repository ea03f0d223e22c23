package org.mburoja.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The risk of a leak with the reasons an analyst can put in a breach notification: how many people, which
 * identifiers (a personal number with a phone or address is enough for identity fraud), special categories of
 * GDPR Art. 9 (political opinion), credentials and secrets, officials' addresses. The level is the highest any
 * reason reaches.
 */
public record RiskAssessment(RiskLevel level, List<Reason> why) {

    public RiskAssessment {
        why = List.copyOf(why);
    }

    /**
     * One reason: a stable {@code code} that a page translates ({@code people}, {@code political}, ...), the figures
     * its sentence names, in order, and the sentence in English (what the CLI prints and a report's {@code reasons}
     * hold).
     */
    public record Reason(String code, List<Long> figures, String text) {
        public Reason {
            figures = List.copyOf(figures);
        }
    }

    /** The reasons in English, in the order of {@link #why()}. */
    public List<String> reasons() {
        return why.stream().map(Reason::text).toList();
    }

    public static RiskAssessment of(Map<EntityType, Long> e, long persons) {
        List<Reason> reasons = new ArrayList<>();
        RiskLevel level = RiskLevel.NONE;
        long nid = n(e, EntityType.NID);
        if (persons >= 100_000) {
            level = max(level, RiskLevel.CRITICAL);
            reasons.add(new Reason("people_100000", List.of(persons), persons + " people affected (100 000 or more)"));
        } else if (persons >= 1_000) {
            level = max(level, RiskLevel.HIGH);
            reasons.add(new Reason("people_1000", List.of(persons), persons + " people affected (1 000 or more)"));
        } else if (persons > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add(new Reason("people", List.of(persons), persons + " people affected"));
        }
        long political = n(e, EntityType.POLITICAL_PREFERENCE);
        if (political > 0) {
            level = max(level, persons >= 1_000 ? RiskLevel.CRITICAL : RiskLevel.HIGH);
            reasons.add(new Reason("political", List.of(political),
                    "special category (GDPR Art. 9): political preference of " + political + " records"));
        }
        if (nid > 0 && (n(e, EntityType.PHONE) > 0 || n(e, EntityType.ADDRESS) > 0 || n(e, EntityType.IBAN) > 0)) {
            level = max(level, RiskLevel.HIGH);
            reasons.add(new Reason("identity_fraud", List.of(),
                    "personal numbers together with phone, address or bank account: enough for identity fraud"));
        } else if (nid > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add(new Reason("personal_numbers", List.of(), "personal numbers present"));
        }
        if (n(e, EntityType.IBAN) > 0 || n(e, EntityType.PAYMENT_CARD) > 0 || n(e, EntityType.SALARY) > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add(new Reason("financial", List.of(), "financial data (IBAN, payment cards or salaries)"));
        }
        long cards = n(e, EntityType.PAYMENT_CARD);
        if (cards > 0) {
            level = max(level, RiskLevel.HIGH);
            reasons.add(new Reason("payment_cards", List.of(cards), cards + " payment card numbers"));
        }
        long credentials = n(e, EntityType.CREDENTIAL);
        long secrets = n(e, EntityType.SECRET);
        if (credentials > 0 || secrets > 0) {
            level = max(level, RiskLevel.HIGH);
            reasons.add(new Reason("credentials", List.of(credentials, secrets), "credentials or secrets: "
                    + credentials + " passwords/hashes, " + secrets + " keys or tokens"));
        }
        long gov = n(e, EntityType.GOV_EMAIL);
        if (gov > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add(new Reason("officials", List.of(gov),
                    gov + " addresses of public officials (gov.al): phishing targets"));
        }
        if (level == RiskLevel.NONE && (n(e, EntityType.EMAIL) > 0 || n(e, EntityType.PHONE) > 0)) {
            level = RiskLevel.LOW;
            reasons.add(new Reason("contact_only", List.of(), "contact data only"));
        }
        return new RiskAssessment(level, reasons);
    }

    private static long n(Map<EntityType, Long> e, EntityType t) {
        return e.getOrDefault(t, 0L);
    }

    private static RiskLevel max(RiskLevel a, RiskLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
