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
public record RiskAssessment(RiskLevel level, List<String> reasons) {

    public static RiskAssessment of(Map<EntityType, Long> e, long persons) {
        List<String> reasons = new ArrayList<>();
        RiskLevel level = RiskLevel.NONE;
        long nid = n(e, EntityType.NID);
        if (persons >= 100_000) {
            level = max(level, RiskLevel.CRITICAL);
            reasons.add(persons + " people affected (100 000 or more)");
        } else if (persons >= 1_000) {
            level = max(level, RiskLevel.HIGH);
            reasons.add(persons + " people affected (1 000 or more)");
        } else if (persons > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add(persons + " people affected");
        }
        long political = n(e, EntityType.POLITICAL_PREFERENCE);
        if (political > 0) {
            level = max(level, persons >= 1_000 ? RiskLevel.CRITICAL : RiskLevel.HIGH);
            reasons.add("special category (GDPR Art. 9): political preference of " + political + " records");
        }
        if (nid > 0 && (n(e, EntityType.PHONE) > 0 || n(e, EntityType.ADDRESS) > 0 || n(e, EntityType.IBAN) > 0)) {
            level = max(level, RiskLevel.HIGH);
            reasons.add("personal numbers together with phone, address or bank account: enough for identity fraud");
        } else if (nid > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add("personal numbers present");
        }
        if (n(e, EntityType.IBAN) > 0 || n(e, EntityType.PAYMENT_CARD) > 0 || n(e, EntityType.SALARY) > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add("financial data (IBAN, payment cards or salaries)");
        }
        if (n(e, EntityType.PAYMENT_CARD) > 0) {
            level = max(level, RiskLevel.HIGH);
            reasons.add(n(e, EntityType.PAYMENT_CARD) + " payment card numbers");
        }
        if (n(e, EntityType.CREDENTIAL) > 0 || n(e, EntityType.SECRET) > 0) {
            level = max(level, RiskLevel.HIGH);
            reasons.add("credentials or secrets: " + n(e, EntityType.CREDENTIAL) + " passwords/hashes, "
                    + n(e, EntityType.SECRET) + " keys or tokens");
        }
        if (n(e, EntityType.GOV_EMAIL) > 0) {
            level = max(level, RiskLevel.MEDIUM);
            reasons.add(n(e, EntityType.GOV_EMAIL) + " addresses of public officials (gov.al): phishing targets");
        }
        if (level == RiskLevel.NONE && (n(e, EntityType.EMAIL) > 0 || n(e, EntityType.PHONE) > 0)) {
            level = RiskLevel.LOW;
            reasons.add("contact data only");
        }
        return new RiskAssessment(level, List.copyOf(reasons));
    }

    private static long n(Map<EntityType, Long> e, EntityType t) {
        return e.getOrDefault(t, 0L);
    }

    private static RiskLevel max(RiskLevel a, RiskLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
