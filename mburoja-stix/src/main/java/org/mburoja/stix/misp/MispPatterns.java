package org.mburoja.stix.misp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mburoja.stix.pattern.PatternParser;
import org.mburoja.stix.pattern.PatternSyntaxException;

/**
 * Builds STIX patterns from MISP values: comparisons on the same object type share one observation (joined by AND),
 * different object types become separate observations joined by AND. Every built pattern is parsed before use, so
 * a malformed MISP value (an MD5 of 31 digits) never becomes an invalid indicator.
 */
final class MispPatterns {

    /** A MISP value and the paths of its parts. */
    record Part(List<String> paths, String value) {
    }

    private MispPatterns() {
    }

    static Optional<String> pattern(List<Part> parts) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Part p : parts) {
            String[] values = p.paths().size() == 1 ? new String[] {p.value()} : p.value().split("\\|", -1);
            if (values.length != p.paths().size()) {
                return Optional.empty();
            }
            for (int i = 0; i < values.length; i++) {
                String path = p.paths().get(i);
                String v = values[i].trim();
                String literal;
                if (MispTypes.numeric(path)) {
                    String digits = v.toUpperCase(java.util.Locale.ROOT).startsWith("AS") ? v.substring(2) : v;
                    if (!digits.matches("\\d{1,18}")) {
                        return Optional.empty();
                    }
                    literal = String.valueOf(Long.parseLong(digits));
                } else {
                    literal = "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
                }
                byType.computeIfAbsent(path.substring(0, path.indexOf(':')), k -> new ArrayList<>())
                        .add(path + " = " + literal);
            }
        }
        if (byType.isEmpty()) {
            return Optional.empty();
        }
        List<String> observations = new ArrayList<>();
        byType.values().forEach(c -> observations.add("[" + String.join(" AND ", c) + "]"));
        String pattern = String.join(" AND ", observations);
        try {
            PatternParser.parse(pattern);
            return Optional.of(pattern);
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }
}
