package org.mburoja.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.Users;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.web.DashboardCard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Dashboard cards of the identity module: organisations by kind (authority staff) and users by role (admins). */
@Configuration(proxyBeanMethods = false)
class OrganisationsCard {

    @Bean
    DashboardCard organisationsByKind(Organisations organisations) {
        return DashboardCard.of("dashboard.organisations-by-kind", 10, DashboardCard.Chart.BAR, Actor::isAuthorityStaff,
                actor -> {
                    Map<OrganisationKind, Long> counts = organisations.countByKind();
                    List<DashboardCard.Figure> f = new ArrayList<>();
                    counts.forEach((k, n) -> f.add(DashboardCard.Figure.keyed(
                            "organisation.kind." + k.name().toLowerCase(Locale.ROOT), n)));
                    return f;
                });
    }

    @Bean
    DashboardCard usersByRole(Users users) {
        return DashboardCard.of("dashboard.users-by-role", 900, DashboardCard.Chart.PIE, actor -> actor.has(Role.ADMIN),
                actor -> {
                    List<DashboardCard.Figure> f = new ArrayList<>();
                    users.countByRole().forEach((r, n) -> f.add(DashboardCard.Figure.keyed(
                            "role." + r.name().toLowerCase(Locale.ROOT), n)));
                    return f;
                });
    }
}
