package org.mburoja.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a chosen password must satisfy, after NIST SP 800-63B: length over composition rules. At least 12 and at most
 * 256 characters (the upper bound keeps Argon2 hashing cheap against abusive input), not containing the username,
 * not one of the most common passwords, not a single repeated character.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;

    private static final Set<String> COMMON = Set.of("password1234", "123456789012", "qwertyuiopas", "passwordpassword",
            "iloveyou1234", "administrator", "adminadmin123", "welcome12345", "letmein12345", "changeme1234",
            "qwerty123456", "1q2w3e4r5t6y", "password123!", "shqiperia123", "tirana123456");

    private PasswordPolicy() {
    }

    /** The reasons the password is refused (message keys), empty when it is acceptable. */
    static List<String> problems(String username, String password) {
        List<String> p = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            p.add("password.too-short");
            return p;
        }
        if (password.length() > MAX_LENGTH) {
            p.add("password.too-long");
            return p;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            p.add("password.contains-username");
        }
        if (COMMON.contains(lower)) {
            p.add("password.common");
        }
        if (password.chars().distinct().count() < 4) {
            p.add("password.too-simple");
        }
        return p;
    }
}
