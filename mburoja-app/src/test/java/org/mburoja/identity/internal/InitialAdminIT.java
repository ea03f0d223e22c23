package org.mburoja.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.User;
import org.mburoja.identity.Users;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The first start on the empty test database created the authority and an admin who must change its password. */
@IntegrationTest
class InitialAdminIT {

    @Autowired
    InitialAdmin initialAdmin;
    @Autowired
    Users users;
    @Autowired
    Organisations organisations;
    @Autowired
    AuditLog audit;

    @Test
    void firstStartCreatedTheAuthorityAndAnAdminThatMustChangeItsPassword() {
        var authority = organisations.nationalAuthority().orElseThrow();
        assertThat(authority.kind()).isEqualTo(OrganisationKind.NATIONAL_AUTHORITY);
        User admin = users.findByUsername("admin").orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.organisation()).isEqualTo(authority.id());
        assertThat(admin.mustChangePassword()).isTrue();
        assertThat(admin.needsSecondFactor()).isTrue();
        assertThat(audit.count(new AuditFilter("system:bootstrap", "user.create", "user", admin.id().toString(),
                null, null))).isEqualTo(1);
    }

    @Test
    void laterStartsCreateNothing() {
        assertThat(initialAdmin.bootstrap()).isEmpty();
        assertThat(users.list(null).stream().filter(u -> u.username().equals("admin"))).hasSize(1);
    }
}
