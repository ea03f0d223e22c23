package org.mburoja.identity.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.SecretSeal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The users' TOTP seeds at rest, sealed ({@link SecretSeal}: AES-256-GCM, the user's id as associated data), so a
 * copy of the database (a backup, a dump, a leak) does not let anyone compute the staff's second factor, and a
 * seed copied into another user's row does not open there. The key is {@code mburoja.identity.totp-key} (base64
 * of 32 bytes) or else {@code <mburoja.home>/keys/totp.key}, created on first use readable by its owner only. Losing
 * the key means every staff member enrols again (an MFA reset in user administration, or
 * {@code mburoja admin user reset-password --reset-mfa}).
 *
 * <p>Seeds stored before sealing existed are plain base32; they are still read, and on start every one of them is
 * sealed in place (one audit entry for the lot).
 */
@Component
class TotpSecrets implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TotpSecrets.class);

    private final String configuredKey;
    private final Path keyFile;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private volatile SecretSeal seal;

    TotpSecrets(@Value("${mburoja.identity.totp-key:}") String configuredKey,
                @Value("${mburoja.home:./data}") String home,
                JdbcClient jdbc, TransactionTemplate tx, AuditLog audit) {
        this.configuredKey = configuredKey;
        this.keyFile = Path.of(home).resolve("keys").resolve("totp.key");
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    /** The stored form of a user's seed. */
    String seal(UUID user, String base32) {
        return seal().seal(base32, owner(user));
    }

    /**
     * The seed of a stored value: sealed, or plain from before sealing.
     *
     * @throws SecretSeal.Unopenable when it is sealed but does not open (another key, altered, another user's)
     */
    String open(UUID user, String stored) {
        return SecretSeal.isSealed(stored) ? seal().open(stored, owner(user)) : stored;
    }

    /** Seals every seed still stored plain; returns how many. */
    int sealPlainSeeds() {
        Integer n = tx.execute(status -> {
            List<Map<String, Object>> plain = jdbc.sql("SELECT id, totp_secret FROM users "
                    + "WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%' FOR UPDATE").query().listOfRows();
            for (Map<String, Object> row : plain) {
                UUID id = (UUID) row.get("id");
                jdbc.sql("UPDATE users SET totp_secret = ? WHERE id = ?")
                        .params(seal(id, (String) row.get("totp_secret")), id).update();
            }
            if (!plain.isEmpty()) {
                audit.append(Actor.system("totp-seal"), "mfa.secrets.sealed", "users", null, null,
                        Map.of("count", plain.size()));
            }
            return plain.size();
        });
        return n == null ? 0 : n;
    }

    @Override
    public void run(ApplicationArguments args) {
        int n = sealPlainSeeds();
        if (n > 0) {
            LOG.info("sealed {} TOTP seed(s) stored in plain text before sealing existed", n);
        }
    }

    private static String owner(UUID user) {
        return "totp:" + user;
    }

    private SecretSeal seal() {
        SecretSeal s = seal;
        if (s == null) {
            synchronized (this) {
                if (seal == null) {
                    seal = SecretSeal.of(configuredKey, "mburoja.identity.totp-key", keyFile);
                }
                s = seal;
            }
        }
        return s;
    }
}
