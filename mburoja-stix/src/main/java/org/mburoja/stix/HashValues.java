package org.mburoja.stix;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shape checks for the hash algorithms of {@code hash-algorithm-ov}: length and alphabet, as OASIS's validators check
 * them. Other algorithm names are allowed (the vocabulary is open) and not checked.
 */
public final class HashValues {

    private static final Pattern SSDEEP = Pattern.compile("^[0-9]{1,20}:[A-Za-z0-9/+]{1,128}:[A-Za-z0-9/+]{1,128}$");
    private static final Pattern TLSH = Pattern.compile("^(T1)?[0-9a-fA-F]{70}$");

    private HashValues() {
    }

    /** Why {@code value} is not a well-formed hash of {@code algorithm}; empty when it is or the algorithm is unknown. */
    public static Optional<String> problem(String algorithm, String value) {
        String alg = algorithm.toUpperCase(Locale.ROOT).replace("_", "-");
        int hexLen = switch (alg) {
            case "MD5" -> 32;
            case "SHA-1", "SHA1" -> 40;
            case "SHA-256", "SHA256", "SHA3-256" -> 64;
            case "SHA-512", "SHA512", "SHA3-512" -> 128;
            case "SHA-224", "SHA3-224" -> 56;
            case "SHA-384", "SHA3-384" -> 96;
            default -> -1;
        };
        if (hexLen > 0) {
            if (value.length() != hexLen || !isHex(value)) {
                return Optional.of(algorithm + " hash must be " + hexLen + " hexadecimal digits");
            }
            return Optional.empty();
        }
        if (alg.equals("SSDEEP") && !SSDEEP.matcher(value).matches()) {
            return Optional.of("SSDEEP hash must look like blocksize:hash:hash");
        }
        if (alg.equals("TLSH") && !TLSH.matcher(value).matches()) {
            return Optional.of("TLSH hash must be 70 hexadecimal digits, optionally prefixed by T1");
        }
        return Optional.empty();
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // ASCII only: Character.digit would also take other scripts' digits, such as U+0663 or U+FF11
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
