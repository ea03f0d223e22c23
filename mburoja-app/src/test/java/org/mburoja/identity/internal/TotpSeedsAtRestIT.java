package org.mburoja.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.Accounts.Account;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** TOTP seeds are stored sealed, bound to their user; seeds stored plain by earlier versions still work and get sealed. */
@IntegrationTest
class TotpSeedsAtRestIT {

    @Autowired
    ApplicationContext ctx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Credentials credentials;
    @Autowired
    TotpSecrets seeds;
    @Autowired
    AuditLog audit;

    Accounts accounts;

    @BeforeEach
    void setUp() {
        accounts = new Accounts(ctx);
    }

    private String stored(Account a) {
        return jdbc.sql("SELECT totp_secret FROM users WHERE id = ?").param(a.user().id()).query(String.class).single();
    }

    private void store(Account a, String value) {
        jdbc.sql("UPDATE users SET totp_secret = ? WHERE id = ?").params(value, a.user().id()).update();
    }

    @Test
    void anEnrolledSeedIsStoredSealedAndStillVerifies() {
        Account a = accounts.ready(Role.ANALYST, accounts.authority().id());
        String stored = stored(a);
        assertThat(stored).startsWith("v1:").doesNotContain(a.totpSecret()).hasSizeLessThanOrEqualTo(255);
        assertThat(credentials.verifyTotp(a.actor(), Accounts.totp(a.totpSecret(), Instant.now()))).isTrue();
    }

    @Test
    void aSeedStoredPlainBeforeSealingVerifiesAndIsSealedInPlaceWithOneAuditEntry() {
        Account a = accounts.ready(Role.ANALYST, accounts.authority().id());
        store(a, a.totpSecret()); // as versions before sealing stored it
        assertThat(credentials.verifyTotp(a.actor(), Accounts.totp(a.totpSecret(), Instant.now()))).isTrue();

        long entries = audit.count(new AuditFilter("system:totp-seal", "mfa.secrets.sealed", null, null, null, null));
        assertThat(seeds.sealPlainSeeds()).isGreaterThanOrEqualTo(1);
        assertThat(stored(a)).startsWith("v1:").doesNotContain(a.totpSecret());
        assertThat(audit.count(new AuditFilter("system:totp-seal", "mfa.secrets.sealed", null, null, null, null)))
                .isEqualTo(entries + 1);
        assertThat(seeds.sealPlainSeeds()).isZero(); // nothing left: no second entry
        // the next step's code (the current one was just used) still verifies from the sealed seed
        assertThat(credentials.verifyTotp(a.actor(), Accounts.totp(a.totpSecret(), Instant.now().plusSeconds(30))))
                .isTrue();
    }

    @Test
    void aSealedSeedCopiedIntoAnotherUsersRowDoesNotOpenThere() {
        Account alice = accounts.ready(Role.ANALYST, accounts.authority().id());
        Account mallory = accounts.ready(Role.ANALYST, accounts.authority().id());
        store(mallory, stored(alice)); // someone with write access to the table, but not the key
        long failures = audit.count(new AuditFilter(null, "mfa.failure", "user", mallory.user().id().toString(),
                null, null));
        assertThat(credentials.verifyTotp(mallory.actor(), Accounts.totp(alice.totpSecret(), Instant.now())))
                .isFalse();
        assertThat(audit.count(new AuditFilter(null, "mfa.failure", "user", mallory.user().id().toString(), null,
                null))).isEqualTo(failures + 1);
        assertThat(credentials.verifyTotp(alice.actor(), Accounts.totp(alice.totpSecret(), Instant.now()))).isTrue();
    }
}
