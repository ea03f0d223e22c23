package org.mburoja.identity.internal;

import java.security.SecureRandom;

/**
 * Generates one-time passwords handed out by administrators: 20 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), about 116 bits, easy to read aloud over the phone in an incident.
 */
final class PasswordGenerator {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 20;

    private final SecureRandom random;

    PasswordGenerator(SecureRandom random) {
        this.random = random;
    }

    String next() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
