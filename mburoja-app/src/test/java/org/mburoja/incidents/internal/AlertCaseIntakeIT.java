package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mburoja.incidents.CaseIntake;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AlertCaseIntakeIT {

    @Autowired CaseIntake intake;
    @Autowired CaseWorkService work;
    @Autowired EvidenceService evidence;

    final Actor analyst = new Actor(UUID.randomUUID(), "duty-" + UUID.randomUUID(), OrganisationId.random(),
            OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), null);

    @Test
    void alertOpensACaseKeepingGoodObservablesAndNamingTheRejectedOnes() {
        UUID id = intake.openFromAlert(analyst, new CaseIntake.Alert("sigma:proc_creation_win_lsass_dump",
                "LSASS dump on DC01", "procdump against lsass.exe", "HIGH", null, List.of("T1003.001"),
                List.of(new CaseIntake.Observed("IP", "198.51.100.23"), new CaseIntake.Observed("IP", "999.0.0.1"),
                        new CaseIntake.Observed("HASH", "A".repeat(64)), new CaseIntake.Observed("hash", "a".repeat(64)),
                        new CaseIntake.Observed("PIGEON", "x"))));
        CaseViews.CaseDetail d = work.detail(analyst, id, evidence.ofCase(id));
        assertThat(d.summary().source()).isEqualTo("ALERT");
        assertThat(d.summary().attackTechniques()).containsExactly("T1003.001");
        assertThat(d.observables()).extracting(CaseViews.Observable::value).containsExactly("198.51.100.23", "a".repeat(64));
        assertThat(d.timeline()).extracting(CaseViews.TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).isEqualTo("opened from alert sigma:proc_creation_win_lsass_dump"))
                .anySatisfy(t -> assertThat(t).contains("IP 999.0.0.1 (not a valid ip)", "(duplicate)", "PIGEON x (unknown kind)"));
    }

    @Test
    void onlyAuthorityStaffOpenCasesFromAlerts() {
        Actor operator = new Actor(UUID.randomUUID(), "op", OrganisationId.random(), OrganisationKind.OPERATOR, Set.of(Role.OPERATOR), null);
        assertThatThrownBy(() -> intake.openFromAlert(operator, new CaseIntake.Alert("s", "t", null, "LOW", null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> intake.openFromAlert(analyst, new CaseIntake.Alert(" ", "t", null, "LOW", null, null, null)))
                .isInstanceOf(InvalidInputException.class);
    }
}
