package org.mburoja.leak.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A sheet's cells as CSV, a row a line: columns from A to the last one that holds something in the row, a text
 * quoted when it holds a comma or a quote, a line break inside a cell written as a space (so that a record is one
 * line). Rows with nothing in them are left out. Shared strings and styles resolve the cells: a number in a date
 * style is written {@code yyyy-MM-dd}, any other as a sheet shows it, without exponent. The line is built as bytes
 * from the cells' bytes; only numbers that are not plain integers or decimals go through {@code BigDecimal}.
 */
final class SheetCsv extends BlockInputStream {

    private final SheetCells cells;
    private final SharedStrings strings;
    private final boolean[] dateStyle;
    private final boolean date1904;
    private final Consumer<String> broken;

    private byte[] line = new byte[1024];
    private int lineLen;
    private int pos;
    private boolean pending;
    private boolean ended;
    private long rowNumber = -1;

    // the row being gathered: each column's value as a range of rowBytes (length 0: nothing)
    private byte[] rowBytes = new byte[1024];
    private int rowLen;
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private int width;

    /** {@code broken} hears of a sheet whose XML broke (where and why) once its rows before are read. */
    SheetCsv(SheetCells cells, SharedStrings strings, boolean[] dateStyle, boolean date1904, Consumer<String> broken) {
        this.cells = cells;
        this.strings = strings;
        this.dateStyle = dateStyle;
        this.date1904 = date1904;
        this.broken = broken;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= lineLen) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, lineLen - pos);
        System.arraycopy(line, pos, b, off, n);
        pos += n;
        return n;
    }

    /** The next non-empty row as a line; false at the end. */
    private boolean fill() throws IOException {
        while (true) {
            if (!pending) {
                if (ended || !cells.next()) {
                    if (!ended && cells.broken() != null) {
                        broken.accept(cells.broken());
                    }
                    ended = true;
                    return emit();
                }
            }
            pending = false;
            SheetCells.Cell c = cells.cell();
            if (c.row != rowNumber) {
                boolean flush = width > 0;
                rowNumber = c.row;
                if (flush) {
                    pending = true; // the cell starts the next row: it is taken then
                    return emit();
                }
            }
            if (c.column >= XlsxBook.MAX_COLUMNS) {
                continue;
            }
            int from = rowLen;
            value(c);
            if (rowLen == from) {
                continue;
            }
            if (c.column >= starts.length) {
                int n = Math.max(c.column + 1, starts.length * 2);
                starts = Arrays.copyOf(starts, n);
                lengths = Arrays.copyOf(lengths, n);
            }
            starts[c.column] = from;
            lengths[c.column] = rowLen - from;
            width = Math.max(width, c.column + 1);
        }
    }

    /** Appends the cell's value as text to the row's bytes. */
    private void value(SheetCells.Cell c) {
        switch (c.kind) {
            case SHARED -> {
                if (c.index < strings.count()) {
                    int s = strings.start(c.index);
                    rowAppend(strings.utf8(), s, strings.start(c.index + 1) - s);
                }
            }
            case INLINE, BOOLEAN -> rowAppend(c.text, c.textOff, c.textLen);
            case NUMBER -> number(c.text, c.textOff, c.textLen, c.index);
            case EMPTY -> { }
        }
    }

    private void number(byte[] b, int off, int len, int style) {
        if (len == 0) {
            return;
        }
        boolean date = style >= 0 && style < dateStyle.length && dateStyle[style];
        if (!date && plain(b, off, len)) {
            rowAppend(b, off, len);
            return;
        }
        byte[] s = number(new String(b, off, len, StandardCharsets.UTF_8), date, date1904)
                .getBytes(StandardCharsets.UTF_8);
        rowAppend(s, 0, s.length);
    }

    /**
     * Whether a literal is written as it is: an integer or a decimal of at most 15 digits before the point, without
     * leading zeros, exponent or trailing zeros after the point (what {@link #number(String, boolean, boolean)} gives
     * back unchanged), and not "-0".
     */
    static boolean plain(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        if (b[i] == '-') {
            i++;
        }
        int digits = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int intDigits = i - digits;
        if (intDigits == 0 || intDigits > 15 || intDigits > 1 && b[digits] == '0') {
            return false;
        }
        if (i == end) {
            return !(b[off] == '-' && intDigits == 1 && b[digits] == '0');
        }
        if (b[i] != '.') {
            return false;
        }
        int frac = ++i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i == end && i - frac > 0 && i - frac <= 10 && b[end - 1] != '0';
    }

    private void rowAppend(byte[] b, int off, int len) {
        if (rowLen + len > rowBytes.length) {
            rowBytes = Arrays.copyOf(rowBytes, Math.max(rowBytes.length * 2, rowLen + len));
        }
        System.arraycopy(b, off, rowBytes, rowLen, len);
        rowLen += len;
    }

    /** Writes the row gathered as a line and starts the next; false when the row is empty. */
    private boolean emit() {
        lineLen = 0;
        pos = 0;
        if (width == 0) {
            return false;
        }
        for (int i = 0; i < width; i++) {
            if (i > 0) {
                lineAppend((byte) ',');
            }
            if (lengths[i] > 0) {
                field(starts[i], lengths[i]);
            }
        }
        lineAppend((byte) '\n');
        Arrays.fill(lengths, 0, width, 0);
        width = 0;
        rowLen = 0;
        return true;
    }

    /** One value: as it is, or quoted with its quotes doubled; CR, LF and CRLF become a space. */
    private void field(int from, int len) {
        int to = from + len;
        boolean quote = false;
        boolean breaks = false;
        for (int i = from; i < to; i++) {
            byte b = rowBytes[i];
            if (b == ',' || b == '"') {
                quote = true;
            } else if (b == '\n' || b == '\r') {
                breaks = true;
            }
        }
        if (!quote && !breaks) {
            ensure(len);
            System.arraycopy(rowBytes, from, line, lineLen, len);
            lineLen += len;
            return;
        }
        ensure(2 * len + 2);
        if (quote) {
            line[lineLen++] = '"';
        }
        for (int i = from; i < to; i++) {
            byte b = rowBytes[i];
            if (b == '\r') {
                line[lineLen++] = ' ';
                if (i + 1 < to && rowBytes[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                line[lineLen++] = ' ';
            } else {
                if (b == '"') {
                    line[lineLen++] = '"';
                }
                line[lineLen++] = b;
            }
        }
        if (quote) {
            line[lineLen++] = '"';
        }
    }

    private void lineAppend(byte b) {
        ensure(1);
        line[lineLen++] = b;
    }

    private void ensure(int more) {
        if (lineLen + more > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + more));
        }
    }

    /**
     * A row of texts as one CSV line (with its line break), as the sheets are written: a line break in a cell becomes
     * a space, a cell with a comma or a quote is quoted.
     */
    static String line(List<String> cells, int count) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                line.append(',');
            }
            String c = cells.get(i).replace('\n', ' ').replace('\r', ' ');
            line.append(c.indexOf(',') >= 0 || c.indexOf('"') >= 0 ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        return line.append('\n').toString();
    }

    // --- numbers

    /** A number as a table shows it: a date in a date style as {@code yyyy-MM-dd}, else without exponent. */
    static String number(String literal, boolean dateStyle, boolean date1904) {
        if (literal.isEmpty()) {
            return "";
        }
        BigDecimal d;
        try {
            d = new BigDecimal(literal);
        } catch (NumberFormatException e) {
            return literal;
        }
        if (dateStyle) {
            String date = serialDate(d, date1904);
            if (date != null) {
                return date;
            }
        }
        if (d.abs().compareTo(BigDecimal.valueOf(1e15)) > 0 || d.scale() > 10 && d.abs().compareTo(
                BigDecimal.valueOf(1e-6)) < 0) {
            return literal;
        }
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Excel's day number as a date (1900 system, with its leap day of 1900; or the 1904 system). */
    static String serialDate(BigDecimal serial, boolean date1904) {
        if (serial.signum() < 0 || serial.compareTo(BigDecimal.valueOf(2_958_465)) > 0) {
            return null; // before 1900 or after 9999-12-31
        }
        long day = serial.longValue();
        LocalDate d;
        if (date1904) {
            d = LocalDate.of(1904, 1, 1).plusDays(day);
        } else if (day == 0) {
            return null;
        } else {
            // day 1 is 1900-01-01, and day 60 the 29 February 1900 that never was
            d = LocalDate.of(1899, 12, 31).plusDays(day < 60 ? day : day - 1);
        }
        return d.toString();
    }
}
