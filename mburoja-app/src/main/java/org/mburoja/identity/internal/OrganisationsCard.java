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
        return new DashboardCard() {
            @Override
            public String titleKey() {
                return "dashboard.organisations-by-kind";
            }

            @Override
            public int order() {
                return 10;
            }

            @Override
            public boolean visibleTo(Actor actor) {
                return actor.isAuthorityStaff();
            }

            @Override
            public List<Figure> figures(Actor actor) {
                Map<OrganisationKind, Long> counts = organisations.countByKind();
                List<Figure> f = new ArrayList<>();
                counts.forEach((k, n) -> f.add(Figure.keyed("organisation.kind." + k.name().toLowerCase(Locale.ROOT), n)));
                return f;
            }
        };
    }

    @Bean
    DashboardCard usersByRole(Users users) {
        return new DashboardCard() {
            @Override
            public String titleKey() {
                return "dashboard.users-by-role";
            }

            @Override
            public int order() {
                return 900;
            }

            @Override
            public Chart chart() {
                return Chart.PIE;
            }

            @Override
            public boolean visibleTo(Actor actor) {
                return actor.has(Role.ADMIN);
            }

            @Override
            public List<Figure> figures(Actor actor) {
                List<Figure> f = new ArrayList<>();
                users.countByRole().forEach((r, n) -> f.add(Figure.keyed("role." + r.name().toLowerCase(Locale.ROOT), n)));
                return f;
            }
        };
    }
}
