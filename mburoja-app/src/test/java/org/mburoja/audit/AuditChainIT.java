package org.mburoja.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mburoja.kernel.Actor;
import org.mburoja.testing.IntegrationTest;
import org.mburoja.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AuditChainIT {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void chainVerifiesAfterAppends() {
        Actor actor = Actor.system("audit-test");
        audit.append(actor, "test.create", "thing", "t-1", null, Map.of("name", "one"));
        audit.append(actor, "test.update", "thing", "t-1", Map.of("name", "one"), Map.of("name", "two"));
        ChainVerification v = audit.verify();
        assertThat(v.intact()).as(String.valueOf(v)).isTrue();
        assertThat(v.entries()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void verifyReportsTheEntryAlteredDirectlyInTheDatabase() {
        Actor actor = Actor.system("audit-test");
        audit.append(actor, "test.before", "thing", "t-2", null, Map.of("v", 1));
        AuditEntry victim = audit.append(actor, "test.victim", "thing", "t-2", null, Map.of("amount", 100));
        audit.append(actor, "test.after", "thing", "t-2", null, Map.of("v", 3));
        assertThat(audit.verify().intact()).isTrue();

        tamper("UPDATE audit_log SET after_json = '{\"amount\":1}' WHERE seq = " + victim.seq());
        try {
            ChainVerification v = audit.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBroken()).isEqualTo(victim.seq());
            assertThat(v.reason()).contains("altered");
        } finally {
            tamper("UPDATE audit_log SET after_json = '" + victim.after() + "' WHERE seq = " + victim.seq());
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void secretsAreRedactedBeforeStoring() {
        AuditEntry e = audit.append(Actor.system("audit-test"), "test.secret", "user", "u-1", null,
                Map.of("username", "alice", "password", "hunter2", "totpSecret", "JBSWY3DP"));
        assertThat(e.after()).contains("alice").doesNotContain("hunter2").doesNotContain("JBSWY3DP");
    }

    @Test
    void postgresRefusesUpdatesOfTheAuditLog() {
        if (!TestDatabase.postgres()) {
            return; // the trigger exists on PostgreSQL only; H2 relies on the hash chain alone
        }
        AuditEntry e = audit.append(Actor.system("audit-test"), "test.locked", "thing", "t-3", null, Map.of());
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?").param(e.seq())
                .update()).hasMessageContaining("append-only");
    }

    /** Changes a stored row behind the application's back (on PostgreSQL, with the append-only trigger off). */
    private void tamper(String sql) {
        if (TestDatabase.postgres()) {
            jdbc.sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only").update();
        }
        try {
            jdbc.sql(sql).update();
        } finally {
            if (TestDatabase.postgres()) {
                jdbc.sql("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only").update();
            }
        }
    }
}
