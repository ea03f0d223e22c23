package org.mburoja.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets kept in the database for later use (federation peers' tokens, TOTP seeds), sealed with AES-256-GCM: a random
 * 96-bit nonce per value, and the value's owner as associated data, so a database dump alone yields no usable secret
 * and a sealed value copied into another owner's row does not open there. Stored form: {@code "v1:"} followed by the
 * base64 of nonce, ciphertext and tag. The key (base64 of 32 bytes) comes from configuration or else from a key file,
 * created on first use readable by its owner only. Plain Java; each module that keeps such secrets holds its own seal
 * with its own key.
 */
public final class SecretSeal {

    /** Starts every sealed value. */
    public static final String PREFIX = "v1:";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    private SecretSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Thrown when a stored value cannot be opened with this seal; the message says why, never the value. */
    public static final class Unopenable extends RuntimeException {
        Unopenable(String message) {
            super(message);
        }
    }

    /**
     * The seal of the configured key when {@code configured} is not blank (it must be base64 of 32 bytes, else the
     * error names {@code property}); otherwise of the key in {@code keyFile}, which is created with a new random key
     * when it does not exist (atomically: two processes starting at once end up with the same key).
     */
    public static SecretSeal of(String configured, String property, Path keyFile) {
        return new SecretSeal(key(configured, property, keyFile));
    }

    /**
     * The raw AES-256 key {@link #of} seals with: the configured one when {@code configured} is not blank, else the
     * one in {@code keyFile}, created on first use (for modules that encrypt with a key of their own, such as the
     * leak desk's kept dumps).
     */
    public static byte[] key(String configured, String property, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            return decodeKey(configured, property);
        }
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return decodeKey(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** A seal of a raw 32-byte key (for tests and tools). */
    public static SecretSeal ofKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        return new SecretSeal(key.clone());
    }

    /** Whether a stored value is sealed (as opposed to a plain value stored before sealing existed). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Seals {@code secret} for {@code owner} (any text naming whose it is; the same text opens it). */
    public String seal(String secret, String owner) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret: " + e.getMessage(), e);
        }
    }

    /**
     * The secret sealed for {@code owner}.
     *
     * @throws Unopenable when the value is not sealed, is malformed, was altered, belongs to another owner or was
     *                    sealed with another key
     */
    public String open(String stored, String owner) {
        if (!isSealed(stored)) {
            throw new Unopenable("not a sealed value (no '" + PREFIX + "' prefix)");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new Unopenable("a sealed value that is not base64");
        }
        if (in.length < NONCE + TAG_BITS / 8) {
            throw new Unopenable("a sealed value too short to hold a nonce and a tag");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE));
            c.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new Unopenable("the sealed value does not open with this key for this owner "
                    + "(the key changed, or the value was altered or copied from another row)");
        }
    }

    private static byte[] decodeKey(String base64, String where) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": the key must be base64 of 32 bytes, and is not base64");
        }
        if (k.length != 32) {
            throw new IllegalStateException(where + ": the key must be base64 of 32 bytes, not " + k.length);
        }
        return k;
    }

    /** Writes a new key to a file only its owner can read, then links it into place unless another process did. */
    private static void create(Path keyFile) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, ".key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            tmp = Files.createTempFile(dir, ".key", ".tmp"); // not POSIX: the directory's permissions protect it
        }
        try {
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(k), StandardCharsets.US_ASCII);
            try {
                try {
                    // a hard link appears whole and never replaces a key another process put there first (a
                    // rename would: two servers starting at once would then seal with keys one of which is lost)
                    Files.createLink(keyFile, tmp);
                } catch (UnsupportedOperationException e) {
                    Files.move(tmp, keyFile); // no hard links here: refuses, without replacing, a key that appeared
                }
            } catch (FileAlreadyExistsException e) {
                // another process created it first: use its key
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
