package org.mburoja.sigma.model;

import java.util.List;
import org.mburoja.sigma.Level;

/** The descriptive part every kind of Sigma document shares. {@code id}, {@code name}, {@code level} may be null. */
public record RuleMeta(String id, String name, String title, String status, Level level, List<String> tags,
                       String description, List<String> falsePositives) {

    /** ATT&CK technique ids from tags such as {@code attack.t1059.001}, upper-cased ({@code T1059.001}). */
    public List<String> techniques() {
        List<String> out = new java.util.ArrayList<>(tags.size());
        for (String t : tags) {
            if (t.length() > 8 && t.startsWith("attack.t") && t.charAt(8) >= '0' && t.charAt(8) <= '9') {
                out.add(t.substring(7).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }
}
