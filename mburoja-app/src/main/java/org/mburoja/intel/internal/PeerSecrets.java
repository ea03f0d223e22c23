package org.mburoja.intel.internal;

import java.nio.file.Path;
import org.mburoja.kernel.SecretSeal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the credentials of federation peers at rest ({@link SecretSeal}: AES-256-GCM, random 96-bit nonce per
 * value), so a database dump alone does not hand out tokens to partner nodes. The key comes from
 * {@code mburoja.intel.federation.key} (base64 of 32 bytes) or else from {@code <mburoja.home>/keys/federation.key},
 * created on first use with owner-only permissions. Losing the key means re-entering the peers' tokens.
 */
@Component
class PeerSecrets {

    /** Peer credentials were sealed without an owner before {@link SecretSeal} existed; they stay readable. */
    private static final String OWNER = "";

    private final String configuredKey;
    private final Path home;
    private volatile SecretSeal seal;

    PeerSecrets(@Value("${mburoja.intel.federation.key:}") String configuredKey,
                @Value("${mburoja.home:./data}") String home) {
        this.configuredKey = configuredKey;
        this.home = Path.of(home);
    }

    String encrypt(String secret) {
        return seal().seal(secret, OWNER);
    }

    String decrypt(String stored) {
        if (!SecretSeal.isSealed(stored)) {
            throw new IllegalStateException("peer credential in an unknown format");
        }
        try {
            return seal().open(stored, OWNER);
        } catch (SecretSeal.Unopenable e) {
            throw new IllegalStateException("peer credential cannot be decrypted with this node's federation key "
                    + "(key changed?): re-enter the peer's token");
        }
    }

    private SecretSeal seal() {
        SecretSeal s = seal;
        if (s == null) {
            synchronized (this) {
                if (seal == null) {
                    seal = SecretSeal.of(configuredKey, "mburoja.intel.federation.key",
                            home.resolve("keys").resolve("federation.key"));
                }
                s = seal;
            }
        }
        return s;
    }
}
