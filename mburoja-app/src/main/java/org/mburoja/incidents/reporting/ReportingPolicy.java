package org.mburoja.incidents.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The reporting deadlines of one jurisdiction. The default ({@link #nis2()}) holds the values of NIS2 Art. 23(4)
 * and 23(5); a country whose implementing acts differ ships its own YAML file and points
 * {@code mburoja.incidents.policy} at it, without code changes.
 *
 * @param jurisdiction       name shown with every deadline (e.g. {@code AL (NIS2 / Law 25/2024)})
 * @param zone               the zone in which calendar periods are counted ({@code Europe/Tirane})
 * @param earlyWarning       from awareness
 * @param notification       from awareness
 * @param notificationTrustServiceProvider from awareness, for trust service providers
 * @param finalReport        from the submission of the notification
 * @param finalAfterHandling from the end of handling, when a progress report was filed instead of a final report
 * @param initialFeedback    the CSIRT's answer, from the receipt of the early warning
 */
public record ReportingPolicy(String jurisdiction, ZoneId zone, ReportingPeriod earlyWarning,
                              ReportingPeriod notification, ReportingPeriod notificationTrustServiceProvider,
                              ReportingPeriod finalReport, ReportingPeriod finalAfterHandling,
                              ReportingPeriod initialFeedback) {

    private static final Set<String> KEYS = Set.of("jurisdiction", "zone", "early-warning", "notification",
            "notification-trust-service-provider", "final-report", "final-after-handling", "initial-feedback");

    public ReportingPolicy {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(earlyWarning, "earlyWarning");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(notificationTrustServiceProvider, "notificationTrustServiceProvider");
        Objects.requireNonNull(finalReport, "finalReport");
        Objects.requireNonNull(finalAfterHandling, "finalAfterHandling");
        Objects.requireNonNull(initialFeedback, "initialFeedback");
    }

    /** The NIS2 defaults, read from the bundled {@code incidents/reporting-policy-nis2.yml}. */
    public static ReportingPolicy nis2() {
        try (InputStream in = ReportingPolicy.class.getResourceAsStream("/incidents/reporting-policy-nis2.yml")) {
            if (in == null) {
                throw new IllegalStateException("bundled incidents/reporting-policy-nis2.yml missing");
            }
            return parse(in, "incidents/reporting-policy-nis2.yml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a policy file. Every problem (unknown key, missing key, bad zone, bad period) is collected and reported
     * together, each with its key, so a wrong file is fixed in one pass.
     */
    public static ReportingPolicy parse(InputStream in, String source) {
        Object doc;
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024);
            options.setAllowDuplicateKeys(false);
            doc = new Yaml(new SafeConstructor(options)).load(r);
        } catch (YAMLException | IOException e) {
            throw new InvalidPolicyException(source, List.of("not readable YAML: " + e.getMessage()));
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new InvalidPolicyException(source, List.of("expected a mapping of keys " + KEYS));
        }
        List<String> problems = new ArrayList<>();
        for (Object k : map.keySet()) {
            if (!KEYS.contains(String.valueOf(k))) {
                problems.add("unknown key '" + k + "'");
            }
        }
        String jurisdiction = text(map, "jurisdiction", problems);
        ZoneId zone = null;
        String zoneText = text(map, "zone", problems);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                problems.add("zone: unknown time zone '" + zoneText + "'");
            }
        }
        ReportingPeriod ew = period(map, "early-warning", problems);
        ReportingPeriod n = period(map, "notification", problems);
        ReportingPeriod nTsp = period(map, "notification-trust-service-provider", problems);
        ReportingPeriod fin = period(map, "final-report", problems);
        ReportingPeriod finH = period(map, "final-after-handling", problems);
        ReportingPeriod fb = period(map, "initial-feedback", problems);
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(source, problems);
        }
        return new ReportingPolicy(jurisdiction, zone, ew, n, nTsp, fin, finH, fb);
    }

    private static String text(Map<?, ?> map, String key, List<String> problems) {
        Object v = map.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            problems.add(key + ": missing");
            return null;
        }
        return String.valueOf(v).trim();
    }

    private static ReportingPeriod period(Map<?, ?> map, String key, List<String> problems) {
        String t = text(map, key, problems);
        if (t == null) {
            return null;
        }
        try {
            return ReportingPeriod.parse(t);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }

    /** A policy file that cannot be used; lists every problem found. */
    public static final class InvalidPolicyException extends RuntimeException {
        private final List<String> problems;

        public InvalidPolicyException(String source, List<String> problems) {
            super("invalid reporting policy " + source + ": " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
