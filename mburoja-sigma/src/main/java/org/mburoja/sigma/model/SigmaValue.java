package org.mburoja.sigma.model;

/** A value as written in a detection: still raw, because modifiers decide how it is read (glob, regex, CIDR, ...). */
public sealed interface SigmaValue {

    /** A string; {@code raw} keeps Sigma's escapes ({@code \*}, {@code \?}, {@code \\}) unresolved. */
    record Str(String raw) implements SigmaValue {
    }

    /** An integer or decimal number, kept in its written form. */
    record Num(String text) implements SigmaValue {
    }

    record Bool(boolean value) implements SigmaValue {
    }

    /** YAML {@code null} (or {@code ~}): the field must be absent or empty-valued. */
    record Null() implements SigmaValue {
    }

    /** The value as plain text, for modifiers that take text (numbers and booleans as written). */
    default String text() {
        return switch (this) {
            case Str s -> s.raw();
            case Num n -> n.text();
            case Bool b -> Boolean.toString(b.value());
            case Null n -> "";
        };
    }
}
