package org.mburoja.incidents.reporting;

import java.math.BigDecimal;

/**
 * The operator's answers to the guided significance questions. Numbers are nullable: "unknown" is an honest answer
 * early in an incident and simply does not trigger a threshold. Durations are in minutes.
 *
 * @param severeOperationalDisruption  Art. 23(3)(a): severe operational disruption of the services
 * @param financialLossEur             direct financial loss caused or capable of being caused
 * @param annualTurnoverEur            total annual turnover in the preceding financial year
 * @param considerableDamageToOthers   Art. 23(3)(b): considerable material or non-material damage to others
 * @param tradeSecretsExfiltrated      IR Art. 3(1)(b)
 * @param deathCaused                  IR Art. 3(1)(c)
 * @param considerableHealthDamage     IR Art. 3(1)(d)
 * @param maliciousUnauthorisedAccess  IR Art. 3(1)(e): successful, suspectedly malicious, unauthorised access
 *                                     capable of causing severe operational disruption
 * @param recurrencesSameRootCause6Months earlier incidents with the same apparent root cause in the last 6 months
 * @param recurrencesCollectiveLossEur    the loss of this and those incidents together (IR Art. 4(c))
 * @param scheduledMaintenance         the disruption is a scheduled interruption or planned maintenance (IR Art. 3(2))
 * @param completeUnavailabilityMinutes the service was completely unavailable this long
 * @param degradedMinutes              limited availability / average DNS response over 10 s for this long
 * @param affectedUsers                service recipients affected
 * @param totalUsers                   service recipients in the Union
 * @param dataCompromised              integrity, confidentiality or authenticity of service data compromised
 * @param dataCompromiseSuspectedMalicious that compromise results from a suspectedly malicious action
 * @param affectedDomainNames          (DNS) domain names whose data was compromised
 * @param managedDomainNames           (DNS) domain names managed
 * @param compromiseByMisconfiguration (DNS) the compromise is due to misconfiguration
 * @param physicalAccessCompromised    (data centres, trust services) physical access to a data centre, or to a
 *                                     restricted area of a trust service provider, compromised
 * @param weeklyUnavailabilityMinutes  (trust services) minutes the trust service was unavailable to users or relying
 *                                     parties in the calendar week of the incident (IR Art. 14(b))
 */
public record SignificanceAnswers(EntityType entityType, Boolean severeOperationalDisruption,
                                  BigDecimal financialLossEur, BigDecimal annualTurnoverEur,
                                  Boolean considerableDamageToOthers, Boolean tradeSecretsExfiltrated,
                                  Boolean deathCaused, Boolean considerableHealthDamage,
                                  Boolean maliciousUnauthorisedAccess, Integer recurrencesSameRootCause6Months,
                                  BigDecimal recurrencesCollectiveLossEur, Boolean scheduledMaintenance,
                                  Integer completeUnavailabilityMinutes, Integer degradedMinutes,
                                  Long affectedUsers, Long totalUsers, Boolean dataCompromised,
                                  Boolean dataCompromiseSuspectedMalicious, Long affectedDomainNames,
                                  Long managedDomainNames, Boolean compromiseByMisconfiguration,
                                  Boolean physicalAccessCompromised, Integer weeklyUnavailabilityMinutes) {

    public SignificanceAnswers {
        entityType = entityType == null ? EntityType.OTHER : entityType;
        // an unanswered yes/no question counts as "no": it cannot trigger a criterion
        severeOperationalDisruption = Boolean.TRUE.equals(severeOperationalDisruption);
        considerableDamageToOthers = Boolean.TRUE.equals(considerableDamageToOthers);
        tradeSecretsExfiltrated = Boolean.TRUE.equals(tradeSecretsExfiltrated);
        deathCaused = Boolean.TRUE.equals(deathCaused);
        considerableHealthDamage = Boolean.TRUE.equals(considerableHealthDamage);
        maliciousUnauthorisedAccess = Boolean.TRUE.equals(maliciousUnauthorisedAccess);
        recurrencesSameRootCause6Months = recurrencesSameRootCause6Months == null ? 0 : recurrencesSameRootCause6Months;
        scheduledMaintenance = Boolean.TRUE.equals(scheduledMaintenance);
        dataCompromised = Boolean.TRUE.equals(dataCompromised);
        dataCompromiseSuspectedMalicious = Boolean.TRUE.equals(dataCompromiseSuspectedMalicious);
        compromiseByMisconfiguration = Boolean.TRUE.equals(compromiseByMisconfiguration);
        physicalAccessCompromised = Boolean.TRUE.equals(physicalAccessCompromised);
    }

    /** All answers "no / unknown" for an entity type; tests and forms start here. */
    public static SignificanceAnswers none(EntityType type) {
        return new SignificanceAnswers(type, false, null, null, false, false, false, false, false, 0, null, false,
                null, null, null, null, false, false, null, null, false, false, null);
    }
}
