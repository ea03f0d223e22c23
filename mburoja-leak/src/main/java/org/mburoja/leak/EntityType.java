package org.mburoja.leak;

/**
 * What a recogniser found. The {@link #key()} is the name used in JSON reports and in the generator's ground truth.
 * Only the first block (identifiers and personal data counted by the quality tests) is compared with the truth; the
 * rest is reported for the analyst.
 */
public enum EntityType {
    NID("nid"),
    NIPT("nipt"),
    IBAN("iban"),
    PHONE("phone"),
    PLATE("plate"),
    EMAIL("email"),
    BIRTH_DATE("birth_date"),
    SALARY("salary"),
    POLITICAL_PREFERENCE("political_preference"),
    PERSON_NAME("person_name"),
    /** An e-mail address under {@code gov.al}: also counted as {@link #EMAIL}. */
    GOV_EMAIL("gov_email"),
    PAYMENT_CARD("payment_card"),
    /** A password or password hash, in a password column or next to a password keyword. */
    CREDENTIAL("credential"),
    /** API keys, access tokens and private keys. */
    SECRET("secret"),
    ADDRESS("address"),
    EMPLOYER("employer");

    private final String key;

    EntityType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    static final EntityType[] ALL = values();
}
