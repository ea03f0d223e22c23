package org.mburoja.intel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mburoja.kernel.Actor;
import org.mburoja.stix.marking.Tlp;
import org.mburoja.web.DashboardCard;
import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intelligence pages' place in the web shell: a navigation link for everyone signed in (the pages show only
 * what the store releases) and, for the authority's staff, who may read every collection, a card counting the
 * latest versions of the stored objects by TLP (one grouped query over the {@code is_last} rows).
 */
@Configuration(proxyBeanMethods = false)
class IntelInShell {

    @Bean
    NavigationEntry intelLink() {
        return new NavigationEntry("/intel", "intel.title", 200, NavigationEntry.Audience.EVERYONE);
    }

    @Bean
    DashboardCard intelByTlp(JdbcClient jdbc) {
        return DashboardCard.of("intel.dashboard.by-tlp", 30, DashboardCard.Chart.PIE, Actor::isAuthorityStaff, actor -> {
            Map<String, Long> counts = new TreeMap<>();
            jdbc.sql("SELECT tlp, COUNT(*) AS n FROM stix_objects WHERE is_last GROUP BY tlp")
                    .query((rs, n) -> counts.put(rs.getString("tlp") == null ? "" : rs.getString("tlp"),
                            rs.getLong("n"))).list();
            List<DashboardCard.Figure> figures = new ArrayList<>();
            for (Tlp t : Tlp.values()) {
                figures.add(DashboardCard.Figure.plain(t.label(), counts.getOrDefault(t.name(), 0L)));
            }
            figures.add(DashboardCard.Figure.keyed("intel.dashboard.unmarked", counts.getOrDefault("", 0L)));
            return figures;
        });
    }
}
