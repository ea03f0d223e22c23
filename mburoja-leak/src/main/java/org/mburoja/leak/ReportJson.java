package org.mburoja.leak;

import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ScanReport} as JSON with the keys analysts and the server read: {@code files}, {@code bytes},
 * {@code entities}, {@code rejected}, {@code distinct_nids}, {@code distinct_persons}, {@code special_categories},
 * {@code risk} (its {@code level}, {@code notify_data_subjects}, {@code reasons} in English and the same as
 * {@code reason_codes}: {@code {"code", "figures"}} for pages that translate them) and {@code per_file}.
 * Hand-written so the engine needs no JSON library; values are escaped.
 */
public final class ReportJson {

    private ReportJson() {
    }

    public static String write(ScanReport r) {
        StringBuilder o = new StringBuilder(4096);
        o.append("{\n  \"files\": ").append(r.files())
                .append(",\n  \"bytes\": ").append(r.bytes())
                .append(",\n  \"elapsed_ms\": ").append(r.elapsedMillis())
                .append(",\n  \"entities\": ");
        counts(o, r.entities(), true);
        o.append(",\n  \"rejected\": ");
        counts(o, r.rejected(), false);
        o.append(",\n  \"distinct_nids\": ").append(r.distinctNids())
                .append(",\n  \"distinct_persons\": ").append(r.distinctPersons())
                .append(",\n  \"special_categories\": ");
        strings(o, r.specialCategories());
        o.append(",\n  \"risk\": {\"level\": ");
        string(o, r.risk().level().name().toLowerCase(java.util.Locale.ROOT));
        o.append(", \"notify_data_subjects\": ").append(r.risk().level().notifySubjects()).append(", \"reasons\": ");
        strings(o, r.risk().reasons());
        o.append(", \"reason_codes\": [");
        for (int k = 0; k < r.risk().why().size(); k++) {
            RiskAssessment.Reason why = r.risk().why().get(k);
            o.append(k == 0 ? "{\"code\": " : ", {\"code\": ");
            string(o, why.code());
            o.append(", \"figures\": [");
            for (int f = 0; f < why.figures().size(); f++) {
                o.append(f == 0 ? "" : ", ").append(why.figures().get(f));
            }
            o.append("]}");
        }
        o.append("]},\n  \"per_file\": [");
        boolean first = true;
        for (FileReport f : r.perFile()) {
            o.append(first ? "\n    {" : ",\n    {");
            first = false;
            o.append("\"name\": ");
            string(o, f.name());
            o.append(", \"format\": ");
            string(o, f.format());
            o.append(", \"encoding\": ");
            string(o, f.encoding());
            o.append(", \"bytes\": ").append(f.bytes()).append(", \"records\": ").append(f.records())
                    .append(",\n     \"entities\": ");
            counts(o, f.entities(), true);
            o.append(",\n     \"rejected\": ");
            counts(o, f.rejected(), false);
            o.append(",\n     \"distinct_nids\": ").append(f.distinctNids())
                    .append(", \"distinct_persons\": ").append(f.distinctPersons())
                    .append(",\n     \"samples\": {");
            boolean fs = true;
            for (Map.Entry<EntityType, List<String>> e : f.samples().entrySet()) {
                o.append(fs ? "" : ", ");
                fs = false;
                string(o, e.getKey().key());
                o.append(": ");
                strings(o, e.getValue());
            }
            o.append("},\n     \"problems\": ");
            strings(o, f.problems());
            o.append("}");
        }
        o.append(first ? "]\n}\n" : "\n  ]\n}\n");
        return o.toString();
    }

    private static void counts(StringBuilder o, Map<EntityType, Long> m, boolean all) {
        o.append('{');
        boolean first = true;
        for (EntityType t : EntityType.values()) {
            Long v = m.get(t);
            if (v == null && !all) {
                continue;
            }
            o.append(first ? "" : ", ");
            first = false;
            string(o, t.key());
            o.append(": ").append(v == null ? 0 : v);
        }
        o.append('}');
    }

    private static void strings(StringBuilder o, List<String> l) {
        o.append('[');
        for (int i = 0; i < l.size(); i++) {
            o.append(i == 0 ? "" : ", ");
            string(o, l.get(i));
        }
        o.append(']');
    }

    static void string(StringBuilder o, String s) {
        o.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> o.append("\\\"");
                case '\\' -> o.append("\\\\");
                case '\n' -> o.append("\\n");
                case '\r' -> o.append("\\r");
                case '\t' -> o.append("\\t");
                default -> {
                    if (c < 0x20) {
                        o.append(String.format("\\u%04x", (int) c));
                    } else {
                        o.append(c);
                    }
                }
            }
        }
        o.append('"');
    }
}
