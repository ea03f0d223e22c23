package org.mburoja.sigma.model;

import java.util.Locale;

/** Every value modifier of the Sigma modifiers appendix v2.1 ({@code wide} is read as {@link #UTF16LE}). */
public enum Modifier {
    CONTAINS, STARTSWITH, ENDSWITH, ALL, EXISTS, CASED, NEQ, WINDASH,
    RE, I, M, S,
    BASE64, BASE64OFFSET, UTF16LE, UTF16BE, UTF16,
    LT, LTE, GT, GTE,
    MINUTE, HOUR, DAY, WEEK, MONTH, YEAR,
    CIDR, EXPAND, FIELDREF;

    /** The modifier named in a rule, or {@code null} when Sigma has no such modifier. */
    public static Modifier parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("wide")) {
            return UTF16LE;
        }
        for (Modifier m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(n)) {
                return m;
            }
        }
        return null;
    }

    public boolean isComparison() {
        return this == LT || this == LTE || this == GT || this == GTE;
    }

    public boolean isTimePart() {
        return ordinal() >= MINUTE.ordinal() && ordinal() <= YEAR.ordinal();
    }

    public boolean isRegexFlag() {
        return this == I || this == M || this == S;
    }

    public boolean isEncoding() {
        return this == BASE64 || this == BASE64OFFSET || this == UTF16LE || this == UTF16BE || this == UTF16;
    }

    public boolean isPosition() {
        return this == CONTAINS || this == STARTSWITH || this == ENDSWITH;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
