package org.mburoja.operators.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict, streaming RFC 4180 reader: comma-separated, cells optionally in double quotes with inner quotes doubled,
 * records ended by CRLF or LF (line breaks allowed inside quoted cells). Anything else is an error with the line it
 * occurs on, rather than a guess: a stray quote in an unquoted cell, text after a closing quote, a quoted cell never
 * closed, a NUL character. Cells and records are bounded so a hostile file cannot exhaust memory.
 *
 * <p>Lines with no content at all are skipped. Not thread-safe.
 */
final class CsvReader {

    /** One record and the line it starts on (the first line is 1). */
    record Record(long line, List<String> cells) {
    }

    /** The file is not well-formed CSV (or breaks a limit) at {@code line}. */
    static final class CsvFormatException extends Exception {
        private static final long serialVersionUID = 1L;
        final long line;

        CsvFormatException(long line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }
    }

    private final Reader in;
    private final int maxCellChars;
    private final int maxCells;
    private long line = 1;
    private int peeked = -2;

    CsvReader(Reader in, int maxCellChars, int maxCells) {
        this.in = in;
        this.maxCellChars = maxCellChars;
        this.maxCells = maxCells;
    }

    /** The next record, or {@code null} at the end of the input. */
    Record next() throws IOException, CsvFormatException {
        while (true) {
            int c = peek();
            if (c == -1) {
                return null;
            }
            if (c == '\n' || c == '\r') {
                lineBreak();
                continue;
            }
            return record();
        }
    }

    private Record record() throws IOException, CsvFormatException {
        long start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        while (true) {
            cell.setLength(0);
            int c = peek();
            if (c == '"') {
                read();
                long quoteLine = line;
                while (true) {
                    int q = read();
                    if (q == -1) {
                        throw new CsvFormatException(quoteLine, "a quoted cell is never closed");
                    }
                    if (q == '"') {
                        if (peek() == '"') {
                            read();
                            append(cell, '"');
                            continue;
                        }
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    } else if (q == '\r' && peek() != '\n') {
                        line++;
                    }
                    append(cell, (char) q);
                }
                int after = peek();
                if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                    throw new CsvFormatException(line, "text after the closing quote of a cell");
                }
            } else {
                while (true) {
                    int u = peek();
                    if (u == ',' || u == '\n' || u == '\r' || u == -1) {
                        break;
                    }
                    read();
                    if (u == '"') {
                        throw new CsvFormatException(line, "a quote inside an unquoted cell (quote the whole cell"
                                + " and double the quotes inside it)");
                    }
                    append(cell, (char) u);
                }
            }
            cells.add(cell.toString());
            if (cells.size() > maxCells) {
                throw new CsvFormatException(start, "more than " + maxCells + " cells in one row");
            }
            int end = peek();
            if (end == ',') {
                read();
                continue;
            }
            if (end == '\n' || end == '\r') {
                lineBreak();
            }
            return new Record(start, cells);
        }
    }

    private void append(StringBuilder cell, char c) throws CsvFormatException {
        if (c == 0) {
            throw new CsvFormatException(line, "a NUL character (is this a binary file?)");
        }
        if (cell.length() >= maxCellChars) {
            throw new CsvFormatException(line, "a cell longer than " + maxCellChars + " characters");
        }
        cell.append(c);
    }

    private void lineBreak() throws IOException {
        int c = read();
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    private int read() throws IOException {
        int c = peek();
        peeked = -2;
        return c;
    }
}
