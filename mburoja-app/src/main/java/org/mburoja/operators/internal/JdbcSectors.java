package org.mburoja.operators.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mburoja.operators.Sector;
import org.mburoja.operators.Sectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The seeded sector list, read once: it changes only by migration. */
@Service
class JdbcSectors implements Sectors {

    private final JdbcClient jdbc;
    private volatile List<Sector> cached;

    JdbcSectors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Sector> all() {
        List<Sector> s = cached;
        if (s == null) {
            s = load();
            cached = s;
        }
        return s;
    }

    @Override
    public Optional<Sector> find(String code) {
        return all().stream().filter(s -> s.code().equals(code)).findFirst();
    }

    private List<Sector> load() {
        Map<String, List<Sector.SubSector>> subs = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM operator_subsectors ORDER BY sector_code, position").query(rs -> {
            subs.computeIfAbsent(rs.getString("sector_code"), k -> new ArrayList<>()).add(
                    new Sector.SubSector(rs.getString("code"), rs.getString("name_en"), rs.getString("name_sq")));
        });
        return jdbc.sql("SELECT * FROM operator_sectors ORDER BY position")
                .query((rs, n) -> new Sector(rs.getString("code"), rs.getString("annex"), rs.getString("name_en"),
                        rs.getString("name_sq"), subs.getOrDefault(rs.getString("code"), List.of())))
                .list();
    }
}
