package org.mburoja.incidents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mburoja.incidents.cases.RsitTaxonomy;

/** Value checks shared by case creation and update: severity, TLP 2.0, PAP, RSIT pair, ATT&CK technique ids. */
final class CaseFields {

    enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    enum Tlp { CLEAR, GREEN, AMBER, AMBER_STRICT, RED }

    enum Pap { CLEAR, GREEN, AMBER, RED }

    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private CaseFields() {
    }

    static Tlp tlp(FieldCheck check, String value, boolean required) {
        return check.oneOf("tlp", value == null ? null : value.replace("+", "_").replace("TLP:", ""), Tlp.class, required);
    }

    static String tlpName(String stored) {
        return "TLP:" + stored.replace("AMBER_STRICT", "AMBER+STRICT");
    }

    static void rsit(FieldCheck check, String cls, String type) {
        if (cls == null && type == null) {
            return;
        }
        RsitTaxonomy rsit = RsitTaxonomy.standard();
        if (cls == null || rsit.find(cls).isEmpty()) {
            check.add("rsitClass", "not an RSIT class; one of " + rsit.classes().stream().map(RsitTaxonomy.RsitClass::value).toList());
        } else if (type != null && !rsit.contains(cls, type)) {
            check.add("rsitType", "not a type of RSIT class " + cls + "; one of "
                    + rsit.find(cls).orElseThrow().types().stream().map(RsitTaxonomy.RsitType::value).toList());
        }
    }

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}:._-]{0,39}");

    /** Tags: up to 20, each 1-40 letters, digits or {@code : . _ -}; stored comma-separated. */
    static List<String> tags(FieldCheck check, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() > 20) {
            check.add("tags", "at most 20 tags");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i) == null ? "" : values.get(i).strip().toLowerCase(java.util.Locale.ROOT);
            if (v.length() > 40 || !TAG.matcher(v).matches()) {
                check.add("tags[" + i + "]", "1-40 letters, digits or ':', '.', '_', '-'");
            } else if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    static List<String> techniques(FieldCheck check, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() > 100) {
            check.add("attackTechniques", "at most 100 techniques");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.length() > 12 || !TECHNIQUE.matcher(v).matches()) {
                check.add("attackTechniques[" + i + "]", "not an ATT&CK technique id such as T1566 or T1566.001");
            } else if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }
}
