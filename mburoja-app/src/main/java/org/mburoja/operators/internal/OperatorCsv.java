package org.mburoja.operators.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;

/**
 * The CSV form of operator records (documented in {@code docs/operators-csv.md}): a header row naming the columns
 * (any order, case-insensitive), one operator per row. Multi-valued cells (service states, IP ranges, domains, AS
 * numbers) separate their values with {@code ;} (or line breaks inside a quoted cell).
 *
 * <p>Export defuses spreadsheet formula injection (OWASP "CSV injection"): a cell starting with {@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return is prefixed with {@code '}. Import removes that prefix again, so an
 * export imports back unchanged.
 */
final class OperatorCsv {

    static final List<String> COLUMNS = List.of("name", "nipt", "address", "sector", "sub_sector", "entity_class",
            "security_email", "security_phone", "emergency_name", "emergency_phone", "service_states", "ip_ranges",
            "domains", "asns");

    private static final Map<String, String> FIELD_TO_COLUMN = Map.ofEntries(
            Map.entry("name", "name"), Map.entry("nipt", "nipt"), Map.entry("address", "address"),
            Map.entry("sector", "sector"), Map.entry("subSector", "sub_sector"),
            Map.entry("entityClass", "entity_class"), Map.entry("securityEmail", "security_email"),
            Map.entry("securityPhone", "security_phone"), Map.entry("emergencyName", "emergency_name"),
            Map.entry("emergencyPhone", "emergency_phone"), Map.entry("serviceStates", "service_states"),
            Map.entry("ipRanges", "ip_ranges"), Map.entry("domains", "domains"), Map.entry("asns", "asns"));

    private OperatorCsv() {
    }

    /** The CSV column of an API field name ({@code ipRanges[3]} becomes {@code ip_ranges[3]}). */
    static String column(String field) {
        int bracket = field.indexOf('[');
        String base = bracket < 0 ? field : field.substring(0, bracket);
        return FIELD_TO_COLUMN.getOrDefault(base, base) + (bracket < 0 ? "" : field.substring(bracket));
    }

    /** Maps header names to cell positions; throws {@link IllegalArgumentException} naming what is wrong. */
    static Map<String, Integer> header(List<String> cells) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!COLUMNS.contains(name)) {
                throw new IllegalArgumentException("unknown column '" + shorten(cells.get(i)) + "'; columns are "
                        + String.join(",", COLUMNS));
            }
            if (positions.put(name, i) != null) {
                throw new IllegalArgumentException("column '" + name + "' appears twice");
            }
        }
        List<String> missing = COLUMNS.stream().filter(c -> !positions.containsKey(c)
                && !c.equals("sub_sector") && !c.equals("emergency_name") && !c.equals("service_states")
                && !c.equals("ip_ranges") && !c.equals("domains") && !c.equals("asns")).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing columns " + missing);
        }
        return positions;
    }

    /** The draft a data row describes; a row with a different number of cells is refused. */
    static OperatorDraft draft(Map<String, Integer> header, List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("has " + cells.size() + " cells, the header has " + header.size());
        }
        return new OperatorDraft(cell(header, cells, "name"), cell(header, cells, "nipt"),
                cell(header, cells, "address"), cell(header, cells, "sector"), cell(header, cells, "sub_sector"),
                cell(header, cells, "entity_class"), cell(header, cells, "security_email"),
                cell(header, cells, "security_phone"), cell(header, cells, "emergency_name"),
                cell(header, cells, "emergency_phone"), values(cell(header, cells, "service_states")),
                values(cell(header, cells, "ip_ranges")), values(cell(header, cells, "domains")),
                values(cell(header, cells, "asns")));
    }

    private static String cell(Map<String, Integer> header, List<String> cells, String column) {
        Integer i = header.get(column);
        return i == null ? null : undefuse(cells.get(i));
    }

    private static List<String> values(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.split("[;\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty())
                .map(OperatorCsv::undefuse).toList();
    }

    /** Removes the {@code '} that export puts before formula-like cells. */
    static String undefuse(String cell) {
        if (cell.length() >= 2 && cell.charAt(0) == '\'' && isFormulaStart(cell.charAt(1))) {
            return cell.substring(1);
        }
        return cell;
    }

    static boolean isFormulaStart(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Writes records as CSV with CRLF line ends (RFC 4180). */
    static final class Exporter {
        private final Writer out;

        Exporter(Writer out) {
            this.out = out;
        }

        void header() throws IOException {
            line(COLUMNS);
        }

        void row(Operator o) throws IOException {
            List<String> cells = new ArrayList<>(COLUMNS.size());
            cells.add(o.name());
            cells.add(o.nipt());
            cells.add(o.address());
            cells.add(o.sector());
            cells.add(o.subSector() == null ? "" : o.subSector());
            cells.add(o.entityClass().name());
            cells.add(o.contacts().securityEmail());
            cells.add(o.contacts().securityPhone());
            cells.add(o.contacts().emergencyName() == null ? "" : o.contacts().emergencyName());
            cells.add(o.contacts().emergencyPhone());
            cells.add(String.join(";", o.serviceStates()));
            cells.add(String.join(";", o.ipRanges()));
            cells.add(String.join(";", o.domains()));
            cells.add(String.join(";", o.asns().stream().map(a -> "AS" + a).toList()));
            line(cells);
        }

        private void line(List<String> cells) throws IOException {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(escape(cells.get(i)));
            }
            out.write("\r\n");
        }

        static String escape(String cell) {
            String s = cell == null ? "" : cell;
            if (!s.isEmpty() && isFormulaStart(s.charAt(0))) {
                s = "'" + s;
            }
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                    || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                    || Character.isWhitespace(s.charAt(s.length() - 1))))) {
                return '"' + s.replace("\"", "\"\"") + '"';
            }
            return s;
        }
    }
}
