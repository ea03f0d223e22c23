package org.mburoja.operators.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mburoja.kernel.Actor;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.OperatorRegistry;
import org.mburoja.operators.OperatorStatistics;
import org.mburoja.operators.Sectors;
import org.mburoja.web.DashboardCard;
import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;

/** The registry's place in the web shell: navigation links and the dashboard's counts by sector and entity class. */
@Configuration(proxyBeanMethods = false)
class OperatorsInShell {

    @Bean
    NavigationEntry operatorRegistryLink() {
        return new NavigationEntry("/operators", "operators.list.title", 100,
                NavigationEntry.Audience.AUTHORITY_AND_OPERATORS);
    }

    @Bean
    NavigationEntry constituencyLookupLink() {
        return new NavigationEntry("/operators/lookup", "operators.lookup.title", 110,
                NavigationEntry.Audience.AUTHORITY_STAFF);
    }

    @Bean
    DashboardCard operatorsBySector(OperatorRegistry registry, Sectors sectors) {
        return new DashboardCard() {
            @Override
            public String titleKey() {
                return "operators.dashboard.by-sector";
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
                OperatorStatistics stats = registry.statistics(actor);
                List<Figure> figures = new ArrayList<>();
                for (Map.Entry<String, Long> e : stats.bySector().entrySet()) {
                    String name = sectors.find(e.getKey())
                            .map(s -> s.name(LocaleContextHolder.getLocale())).orElse(e.getKey());
                    figures.add(Figure.plain(name, e.getValue()));
                }
                return figures;
            }
        };
    }

    @Bean
    DashboardCard operatorsByEntityClass(OperatorRegistry registry) {
        return new DashboardCard() {
            @Override
            public String titleKey() {
                return "operators.dashboard.by-class";
            }

            @Override
            public int order() {
                return 11;
            }

            @Override
            public Chart chart() {
                return Chart.PIE;
            }

            @Override
            public boolean visibleTo(Actor actor) {
                return actor.isAuthorityStaff();
            }

            @Override
            public List<Figure> figures(Actor actor) {
                OperatorStatistics stats = registry.statistics(actor);
                List<Figure> figures = new ArrayList<>();
                for (EntityClass c : EntityClass.values()) {
                    figures.add(Figure.keyed("operators.class." + c.name(), stats.byEntityClass().getOrDefault(c, 0L)));
                }
                return figures;
            }
        };
    }
}
