package org.mburoja.sigma;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mburoja.sigma.internal.parse.YamlText;
import org.mburoja.sigma.model.LogSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * How a Sigma {@code logsource} is recognised in events, read from a THOR/sigmac-style YAML file (like SigmaHQ's
 * {@code logsource-mapping.yml}): each entry names a product/category/service and gives field {@code conditions},
 * Windows {@code sources} ({@code WinEventLog:X} becomes {@code Channel = X}), an optional {@code rewrite} to another
 * log source whose conditions also apply, and {@code fieldmappings} for the rule's field names. A top-level
 * {@code fieldmappings} renames fields for every rule (e.g. to ECS names).
 *
 * <p>An entry matches a rule when every part the entry names equals the rule's. Several matching entries are
 * alternatives (Sysmon EventID 1 or Security EventID 4688 for process_creation). A log source whose entries give no
 * event condition is "unmapped": the engine cannot tell its events apart.
 */
public final class LogSourceMapping {

    /** One way to recognise a log source's events: all conditions hold; rule fields renamed by fieldMappings. */
    public record Alternative(String name, Map<String, List<String>> conditions, Map<String, String> fieldMappings) {
    }

    private record Entry(String name, LogSource match, Map<String, List<String>> conditions, LogSource rewrite,
                         Map<String, String> fieldMappings) {
    }

    private final List<Entry> entries;
    private final Map<String, String> globalFieldMappings;

    private LogSourceMapping(List<Entry> entries, Map<String, String> globalFieldMappings) {
        this.entries = entries;
        this.globalFieldMappings = globalFieldMappings;
    }

    /** No mapping: every log source is unmapped. */
    public static LogSourceMapping none() {
        return new LogSourceMapping(List.of(), Map.of());
    }

    public static LogSourceMapping load(Path file) throws IOException {
        return parse(YamlText.read(file), file.toString());
    }

    /** Parses a mapping; throws {@link IllegalArgumentException} naming the origin and entry when malformed. */
    @SuppressWarnings("unchecked")
    public static LogSourceMapping parse(String yaml, String origin) {
        LoaderOptions opts = new LoaderOptions();
        opts.setMaxAliasesForCollections(0);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(opts)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(origin + ": a log-source mapping must be a YAML map");
        }
        List<Entry> entries = new ArrayList<>();
        Object sources = top.get("logsources");
        if (sources != null) {
            if (!(sources instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(origin + ": 'logsources' must be a map of named entries");
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof Map<?, ?> body)) {
                    throw new IllegalArgumentException(origin + ": logsources." + name + " must be a map");
                }
                entries.add(entry(origin, name, (Map<String, Object>) body));
            }
        }
        return new LogSourceMapping(List.copyOf(entries), fieldMappings(origin, "fieldmappings", top.get("fieldmappings")));
    }

    private static Entry entry(String origin, String name, Map<String, Object> body) {
        LogSource match = logSource(body);
        if (match.product() == null && match.category() == null && match.service() == null) {
            throw new IllegalArgumentException(origin + ": logsources." + name + " names no product, category or service");
        }
        Map<String, List<String>> conds = new LinkedHashMap<>();
        if (body.get("conditions") instanceof Map<?, ?> c) {
            c.forEach((k, v) -> conds.put(String.valueOf(k), values(v)));
        } else if (body.get("conditions") != null) {
            throw new IllegalArgumentException(origin + ": logsources." + name + ".conditions must be a map");
        }
        List<String> channels = new ArrayList<>();
        for (String src : values(body.get("sources"))) {
            if (src.startsWith("WinEventLog:")) {
                channels.add(src.substring("WinEventLog:".length()));
            }
        }
        if (!channels.isEmpty()) {
            conds.put("Channel", channels);
        }
        LogSource rewrite = body.get("rewrite") instanceof Map<?, ?> r ? logSource(r) : null;
        return new Entry(name, match, conds, rewrite,
                fieldMappings(origin, "logsources." + name + ".fieldmappings", body.get("fieldmappings")));
    }

    private static LogSource logSource(Map<?, ?> m) {
        return new LogSource(lower(m.get("product")), lower(m.get("category")), lower(m.get("service")));
    }

    private static String lower(Object o) {
        return o == null ? null : String.valueOf(o).toLowerCase(Locale.ROOT);
    }

    private static List<String> values(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(v));
    }

    private static Map<String, String> fieldMappings(String origin, String where, Object v) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(origin + ": " + where + " must be a map of rule field to event field");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new IllegalArgumentException(origin + ": " + where + "." + e.getKey()
                        + " must map to one field name (lists are not supported)");
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return Map.copyOf(out);
    }

    /** The field renames that apply to every rule. */
    public Map<String, String> globalFieldMappings() {
        return globalFieldMappings;
    }

    /** The ways to recognise events of {@code ls}; empty when the log source is unmapped. */
    public List<Alternative> resolve(LogSource ls) {
        if (ls == null) {
            return alternatives(null);
        }
        List<Alternative> known = resolved.get(ls);
        if (known == null) {
            known = alternatives(ls);
            if (resolved.size() < MAX_RESOLVED) {
                resolved.putIfAbsent(ls, known);
            }
        }
        return known;
    }

    /** Answers of {@link #resolve} so far: rules share few log sources (SigmaHQ: 3,600 rules, about 200). */
    private final java.util.concurrent.ConcurrentHashMap<LogSource, List<Alternative>> resolved =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_RESOLVED = 4096;

    private List<Alternative> alternatives(LogSource ls) {
        List<Alternative> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.match.covers(ls)) {
                continue;
            }
            Map<String, List<String>> conds = new LinkedHashMap<>(e.conditions);
            Map<String, String> fm = new LinkedHashMap<>(globalFieldMappings);
            if (e.rewrite != null) {
                for (Entry r : entries) {
                    if (r != e && r.match.covers(e.rewrite) && r.match.category() == null) {
                        r.conditions.forEach(conds::putIfAbsent);
                        fm.putAll(r.fieldMappings);
                    }
                }
            }
            fm.putAll(e.fieldMappings);
            if (!conds.isEmpty()) {
                out.add(new Alternative(e.name, Map.copyOf(conds), Map.copyOf(fm)));
            }
        }
        return List.copyOf(out);
    }
}
