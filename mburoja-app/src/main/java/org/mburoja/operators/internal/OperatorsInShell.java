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
import org.mburoja.web.UploadLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The registry's place in the web shell: navigation links, the dashboard's counts by sector and entity class, and
 * the size limit of the CSV import's uploads.
 */
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

    /** The import, by the API and by its page, reads at most {@link CsvImport#MAX_BYTES}: no larger upload is read. */
    @Bean
    UploadLimit operatorImportUploadLimit() {
        return new UploadLimit(List.of("/api/v1/operators/import", "/operators/import"), CsvImport.MAX_BYTES, null);
    }

    @Bean
    DashboardCard operatorsBySector(OperatorRegistry registry, Sectors sectors) {
        return DashboardCard.of("operators.dashboard.by-sector", 11, DashboardCard.Chart.BAR, Actor::isAuthorityStaff,
                actor -> {
                    List<DashboardCard.Figure> figures = new ArrayList<>();
                    for (Map.Entry<String, Long> e : registry.statistics(actor).bySector().entrySet()) {
                        String name = sectors.find(e.getKey())
                                .map(s -> s.name(LocaleContextHolder.getLocale())).orElse(e.getKey());
                        figures.add(DashboardCard.Figure.plain(name, e.getValue()));
                    }
                    return figures;
                });
    }

    @Bean
    DashboardCard operatorsByEntityClass(OperatorRegistry registry) {
        return DashboardCard.of("operators.dashboard.by-class", 12, DashboardCard.Chart.PIE, Actor::isAuthorityStaff,
                actor -> {
                    OperatorStatistics stats = registry.statistics(actor);
                    List<DashboardCard.Figure> figures = new ArrayList<>();
                    for (EntityClass c : EntityClass.values()) {
                        figures.add(DashboardCard.Figure.keyed("operators.class." + c.name(),
                                stats.byEntityClass().getOrDefault(c, 0L)));
                    }
                    return figures;
                });
    }
}
