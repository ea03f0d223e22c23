package org.mburoja.intel.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the credentials of federation peers at rest with AES-256-GCM (random 96-bit nonce per value), so a
 * database dump alone does not hand out tokens to partner nodes. The key comes from
 * {@code mburoja.intel.federation.key} (base64 of 32 bytes) or else from {@code <mburoja.home>/keys/federation.key},
 * created on first use with owner-only permissions. Losing the key means re-entering the peers' tokens.
 */
@Component
class PeerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String configuredKey;
    private final Path home;
    private volatile SecretKeySpec key;

    PeerSecrets(@Value("${mburoja.intel.federation.key:}") String configuredKey,
                @Value("${mburoja.home:./data}") String home) {
        this.configuredKey = configuredKey;
        this.home = Path.of(home);
    }

    String encrypt(String secret) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return "v1:" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt peer credential", e);
        }
    }

    String decrypt(String stored) {
        if (!stored.startsWith("v1:")) {
            throw new IllegalStateException("peer credential in an unknown format");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(3));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, in, 0, 12));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("peer credential cannot be decrypted with this node's federation key "
                    + "(key changed?): re-enter the peer's token");
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadKey() {
        if (!configuredKey.isBlank()) {
            byte[] k = Base64.getDecoder().decode(configuredKey.trim());
            if (k.length != 32) {
                throw new IllegalStateException("mburoja.intel.federation.key must be base64 of 32 bytes");
            }
            return k;
        }
        Path file = home.resolve("keys").resolve("federation.key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] k = new byte[32];
            RANDOM.nextBytes(k);
            Files.writeString(file, Base64.getEncoder().encodeToString(k));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions are what protects the key
            }
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the federation key " + file, e);
        }
    }
}
