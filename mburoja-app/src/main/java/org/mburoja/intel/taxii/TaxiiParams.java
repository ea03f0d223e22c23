package org.mburoja.intel.taxii;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.mburoja.intel.ObjectQuery.PagePosition;
import org.mburoja.intel.VersionMatch;

/**
 * Reads the TAXII URL parameters ({@code limit}, {@code next}, {@code added_after}, {@code match[...]}) and
 * refuses malformed ones with a 400 that names the parameter. Filter values may be comma-separated and/or
 * repeated; at most {@value #MAX_VALUES} values per filter.
 */
final class TaxiiParams {

    static final int MAX_VALUES = 100;
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{1,248}[a-z0-9]");

    private TaxiiParams() {
    }

    static int limit(HttpServletRequest req, int defaultLimit, int maxLimit) {
        String s = req.getParameter("limit");
        if (s == null) {
            return defaultLimit;
        }
        String t = s.trim();
        // ASCII digits only: Integer.parseInt would also take "+5" or other scripts' digits such as U+0665
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw TaxiiException.badRequest("limit: must be a positive integer, not '" + cut(s) + "'");
        }
        long n = Long.parseLong(t);
        if (n < 1) {
            throw TaxiiException.badRequest("limit: must be a positive integer, not " + t);
        }
        return (int) Math.min(n, maxLimit);
    }

    static Instant addedAfter(HttpServletRequest req) {
        String s = req.getParameter("added_after");
        return s == null ? null : timestamp("added_after", s.trim());
    }

    static Set<String> values(HttpServletRequest req, String name) {
        String[] raw = req.getParameterValues(name);
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return out;
        }
        for (String r : raw) {
            for (String v : r.split(",")) {
                String t = v.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        if (out.size() > MAX_VALUES) {
            throw TaxiiException.badRequest(name + ": at most " + MAX_VALUES + " values");
        }
        return out;
    }

    static Set<String> types(HttpServletRequest req) {
        Set<String> types = values(req, "match[type]");
        for (String t : types) {
            if (!TYPE.matcher(t).matches()) {
                throw TaxiiException.badRequest("match[type]: '" + cut(t) + "' is not a STIX type name");
            }
        }
        return types;
    }

    static Set<String> specVersions(HttpServletRequest req) {
        Set<String> v = values(req, "match[spec_version]");
        for (String s : v) {
            if (!s.matches("\\d\\.\\d")) {
                throw TaxiiException.badRequest("match[spec_version]: '" + cut(s) + "' is not a version like 2.1");
            }
        }
        return v;
    }

    static VersionMatch versions(HttpServletRequest req) {
        Set<String> raw = values(req, "match[version]");
        if (raw.isEmpty()) {
            return VersionMatch.LAST;
        }
        boolean first = false;
        boolean last = false;
        boolean all = false;
        Set<Instant> at = new LinkedHashSet<>();
        for (String v : raw) {
            switch (v) {
                case "first" -> first = true;
                case "last" -> last = true;
                case "all" -> all = true;
                default -> at.add(timestamp("match[version]", v).truncatedTo(ChronoUnit.MICROS));
            }
        }
        return new VersionMatch(first, last, all, at);
    }

    static PagePosition next(HttpServletRequest req) {
        String s = req.getParameter("next");
        if (s == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(s.trim()), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            return new PagePosition(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw TaxiiException.badRequest("next: '" + cut(s) + "' is not a paging token of this server");
        }
    }

    static String next(PagePosition p) {
        String raw = p.dateAdded().getEpochSecond() + ":" + p.dateAdded().getNano() + ":" + p.seq();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static Instant timestamp(String name, String s) {
        if (!TIMESTAMP.matcher(s).matches()) {
            throw TaxiiException.badRequest(name + ": '" + cut(s) + "' is not a timestamp YYYY-MM-DDTHH:MM:SS[.s]Z");
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw TaxiiException.badRequest(name + ": '" + s + "' is not a valid date or time");
        }
    }

    private static String cut(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
