package org.mburoja.incidents.cases;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Reference Security Incident Taxonomy (RSIT) of the TF-CSIRT working group: 11 classes and their 39 types, as in
 * the working group's current list (with "System Compromise", "Misconfiguration", "Leak of confidential information"
 * and "Undetermined" added to the 2015 eCSIRT.net set). Seeded from {@code incidents/rsit.tsv}: machine value of the
 * class, its name, machine value of the type, its name. Classification uses the machine values
 * ({@code intrusions/system-compromise}), as MISP and IntelMQ do.
 */
public final class RsitTaxonomy {

    /** One class with its types (in the list's order). */
    public record RsitClass(String value, String name, List<RsitType> types) {
    }

    public record RsitType(String value, String name) {
    }

    private final Map<String, RsitClass> classes;

    private RsitTaxonomy(Map<String, RsitClass> classes) {
        this.classes = classes;
    }

    private static final RsitTaxonomy STANDARD = load();

    public static RsitTaxonomy standard() {
        return STANDARD;
    }

    public List<RsitClass> classes() {
        return List.copyOf(classes.values());
    }

    public Optional<RsitClass> find(String classValue) {
        return Optional.ofNullable(classValue == null ? null : classes.get(classValue));
    }

    /** Whether {@code typeValue} is a type of {@code classValue}. */
    public boolean contains(String classValue, String typeValue) {
        return find(classValue).map(c -> c.types().stream().anyMatch(t -> t.value().equals(typeValue))).orElse(false);
    }

    private static RsitTaxonomy load() {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<RsitType>> types = new LinkedHashMap<>();
        try (InputStream in = RsitTaxonomy.class.getResourceAsStream("/incidents/rsit.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4) {
                    throw new IllegalStateException("incidents/rsit.tsv line " + no + ": expected 4 tab-separated fields");
                }
                names.putIfAbsent(f[0], f[1]);
                types.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new RsitType(f[2], f[3]));
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read bundled incidents/rsit.tsv", e);
        }
        Map<String, RsitClass> classes = new LinkedHashMap<>();
        names.forEach((v, n) -> classes.put(v, new RsitClass(v, n, List.copyOf(types.get(v)))));
        return new RsitTaxonomy(java.util.Collections.unmodifiableMap(classes));
    }
}
