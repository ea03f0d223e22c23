package org.mburoja.stix.model;

import java.util.Set;

/**
 * A STIX vocabulary. Open vocabularies ({@code -ov}) allow other values (the validator warns); closed ones
 * ({@code -enum}) do not (the validator rejects).
 */
public record Vocabulary(String name, boolean open, Set<String> values) {

    public static Vocabulary open(String name, String... values) {
        return new Vocabulary(name, true, Set.of(values));
    }

    public static Vocabulary closed(String name, String... values) {
        return new Vocabulary(name, false, Set.of(values));
    }
}
