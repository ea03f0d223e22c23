package org.mburoja.incidents.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mburoja.incidents.reporting.ReportingStage;

/**
 * What each stage must contain (NIS2 Art. 23(4)); unknown keys are refused so that a typo does not silently drop
 * information the law requires. Free text is bounded (20,000 characters), indicator lists to 1,000 entries.
 */
final class SubmissionContent {

    static final int TEXT_MAX = 20_000;
    static final int INDICATORS_MAX = 1_000;

    enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    private static final Map<ReportingStage, Set<String>> KEYS = Map.of(
            ReportingStage.EARLY_WARNING, Set.of("summary", "suspectedMalicious", "crossBorder"),
            ReportingStage.NOTIFICATION, Set.of("summary", "severity", "impact", "indicators", "suspectedMalicious", "crossBorder"),
            ReportingStage.INTERMEDIATE, Set.of("summary", "severity", "impact", "indicators"),
            ReportingStage.PROGRESS, Set.of("summary", "mitigation", "severity"),
            ReportingStage.FINAL, Set.of("description", "severity", "impact", "rootCause", "mitigation", "crossBorder", "indicators"));

    private SubmissionContent() {
    }

    static void check(ReportingStage stage, Map<String, Object> content, FieldCheck check) {
        if (content == null) {
            check.add("content", "required");
            return;
        }
        for (String k : content.keySet()) {
            if (!KEYS.get(stage).contains(k)) {
                check.add("content." + FieldCheck.abbreviate(k), "unknown field for " + stage + "; allowed: " + KEYS.get(stage));
            }
        }
        switch (stage) {
            case EARLY_WARNING -> {
                check.textIn("content.summary", content, "summary", TEXT_MAX, true);
                check.bool("content.suspectedMalicious", content, "suspectedMalicious", true);
                check.bool("content.crossBorder", content, "crossBorder", true);
            }
            case NOTIFICATION -> {
                check.textIn("content.summary", content, "summary", TEXT_MAX, true);
                severity(content, check, true);
                check.textIn("content.impact", content, "impact", TEXT_MAX, true);
                indicators(content, check);
                check.bool("content.suspectedMalicious", content, "suspectedMalicious", false);
                check.bool("content.crossBorder", content, "crossBorder", false);
            }
            case INTERMEDIATE -> {
                check.textIn("content.summary", content, "summary", TEXT_MAX, true);
                severity(content, check, false);
                check.textIn("content.impact", content, "impact", TEXT_MAX, false);
                indicators(content, check);
            }
            case PROGRESS -> {
                check.textIn("content.summary", content, "summary", TEXT_MAX, true);
                check.textIn("content.mitigation", content, "mitigation", TEXT_MAX, false);
                severity(content, check, false);
            }
            case FINAL -> {
                check.textIn("content.description", content, "description", TEXT_MAX, true);
                severity(content, check, true);
                check.textIn("content.impact", content, "impact", TEXT_MAX, true);
                check.textIn("content.rootCause", content, "rootCause", TEXT_MAX, true);
                check.textIn("content.mitigation", content, "mitigation", TEXT_MAX, true);
                check.bool("content.crossBorder", content, "crossBorder", true);
                indicators(content, check);
            }
            case INITIAL_FEEDBACK -> check.add("stage", "initial feedback is given by the authority, not submitted");
        }
    }

    private static void severity(Map<String, Object> content, FieldCheck check, boolean required) {
        Object v = content.get("severity");
        if (v != null && !(v instanceof String)) {
            check.add("content.severity", "must be text");
            return;
        }
        check.oneOf("content.severity", (String) v, Severity.class, required);
    }

    private static void indicators(Map<String, Object> content, FieldCheck check) {
        Object v = content.get("indicators");
        if (v == null) {
            return;
        }
        if (!(v instanceof List<?> list)) {
            check.add("content.indicators", "must be a list of text");
            return;
        }
        if (list.size() > INDICATORS_MAX) {
            check.add("content.indicators", "at most " + INDICATORS_MAX + " indicators (got " + list.size() + ")");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || s.isBlank() || s.length() > 2048) {
                check.add("content.indicators[" + i + "]", "must be non-empty text of at most 2048 characters");
            }
        }
    }
}
