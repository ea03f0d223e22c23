package org.mburoja.identity.internal;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) on the JDK's HMAC. Parameters are those every
 * authenticator app understands: HMAC-SHA1, 6 digits, 30-second steps; a code is accepted one step early or late
 * (clock drift), and a step once used is refused afterwards (replay), so a code works at most once.
 *
 * <p>Cost: one HMAC per checked step, at most three per verification.
 */
final class Totp {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    static final int DRIFT_STEPS = 1;
    private static final int SECRET_BYTES = 20;

    private Totp() {
    }

    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** HOTP value of {@code key} at counter {@code step} (RFC 4226 section 5.3, dynamic truncation). */
    static String code(byte[] key, long step, String hmacAlgorithm, int digits) {
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16)
                    | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            int mod = 1;
            for (int i = 0; i < digits; i++) {
                mod *= 10;
            }
            String s = Integer.toString(binary % mod);
            return "0".repeat(digits - s.length()) + s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmacAlgorithm + " is missing from this JVM", e);
        }
    }

    /** The code an authenticator shows at {@code at} for a base32 secret. */
    static String codeAt(String base32Secret, Instant at) {
        return code(Base32.decode(base32Secret), step(at), "HmacSHA1", DIGITS);
    }

    /**
     * Checks a code typed by a person.
     *
     * @param lastUsedStep the step of the last accepted code (0 if none): it and earlier steps are refused
     * @return the matching step, or -1 when the code is wrong, malformed or replayed
     */
    static long verify(String base32Secret, String typed, Instant now, long lastUsedStep) {
        if (typed == null) {
            return -1;
        }
        String code = typed.replace(" ", "").strip();
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        byte[] key = Base32.decode(base32Secret);
        long current = step(now);
        long found = -1;
        for (long s = current - DRIFT_STEPS; s <= current + DRIFT_STEPS; s++) {
            byte[] expected = code(key, s, "HmacSHA1", DIGITS).getBytes(StandardCharsets.US_ASCII);
            // constant time, and every candidate is computed so timing says nothing about which one matched
            if (MessageDigest.isEqual(expected, code.getBytes(StandardCharsets.US_ASCII)) && s > lastUsedStep) {
                found = s;
            }
        }
        return found;
    }

    static String newSecret(SecureRandom random) {
        byte[] b = new byte[SECRET_BYTES];
        random.nextBytes(b);
        return Base32.encode(b);
    }

    /** The Key Uri Format understood by Google Authenticator, FreeOTP, Aegis and others. */
    static String otpauthUri(String issuer, String account, String base32Secret) {
        String label = enc(issuer) + ":" + enc(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
