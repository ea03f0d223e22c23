package org.mburoja.stix;

import java.util.Optional;

/**
 * STIX identifiers {@code type--uuid}, with the UUID in canonical RFC 4122 text form (lowercase or uppercase hex,
 * variant bits 10xx, version 1-5).
 */
public record StixIdentifier(String type, String uuid) {

    /** The {@code "namespace"} STIX SCO identifiers are derived from (UUIDv5), section 2.9 of the specification. */
    public static final String SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

    /** Parses an identifier; empty when {@code text} is not one. */
    public static Optional<StixIdentifier> parse(String text) {
        int sep = text.indexOf("--");
        if (sep < 3 || text.length() != sep + 2 + 36 || !validType(text.substring(0, sep))) {
            return Optional.empty();
        }
        String uuid = text.substring(sep + 2);
        return uuidShapeOk(uuid) ? Optional.of(new StixIdentifier(text.substring(0, sep), uuid)) : Optional.empty();
    }

    /** Type names: 3-250 characters of a-z, 0-9 and '-', starting with a letter, no '--' and no trailing '-'. */
    public static boolean validType(String t) {
        if (t.length() < 3 || t.length() > 250 || t.charAt(0) < 'a' || t.charAt(0) > 'z' || t.endsWith("-")
                || t.contains("--")) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The UUID version digit (1-5). */
    public int version() {
        return uuid.charAt(14) - '0';
    }

    private static boolean uuidShapeOk(String u) {
        for (int i = 0; i < 36; i++) {
            char c = u.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                // ASCII only: Character.digit would also take other scripts' digits, such as U+0663
                return false;
            }
        }
        char version = u.charAt(14);
        char variant = Character.toLowerCase(u.charAt(19));
        return version >= '1' && version <= '5' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
    }

    @Override
    public String toString() {
        return type + "--" + uuid;
    }
}
