package org.mburoja.leak.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Guesses the format and text encoding of a file from its name and its first bytes (at most 64 KiB). Encoding:
 * valid UTF-8 with multi-byte letters is UTF-8; otherwise a single-byte Latin page, Windows-1250 when letters only
 * Central European pages have appear (š ž č ć ł in 0x80-0x9F or their 1250 positions), ISO-8859-2 when 0x80-0x9F is
 * unused and 8859-2 letters appear, else Windows-1252. Albanian ë and ç have the same byte in all three, so a wrong
 * guess among them costs nothing for Albanian names.
 */
public final class DumpSniffer {

    public enum Format { CSV, JSON, SQL, TEXT }

    private DumpSniffer() {
    }

    public static Format format(String name, byte[] b, int n) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
            return Format.CSV;
        }
        if (lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return Format.JSON;
        }
        if (lower.endsWith(".sql")) {
            return Format.SQL;
        }
        int p = 0;
        while (p < n && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
            p++;
        }
        if (p < n && (b[p] == '{' || b[p] == '[')) {
            return Format.JSON;
        }
        String head = new String(b, 0, n, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT);
        if (head.contains("CREATE TABLE") || head.contains("INSERT INTO")) {
            return Format.SQL;
        }
        if (lower.endsWith(".txt") || lower.endsWith(".log")) {
            return Format.TEXT;
        }
        return looksDelimited(b, n) ? Format.CSV : Format.TEXT;
    }

    /** At least three lines with the same non-zero count of one delimiter. */
    static boolean looksDelimited(byte[] b, int n) {
        int lines = 0;
        int[] first = new int[4];
        int[] cur = new int[4];
        boolean[] same = {true, true, true, true};
        for (int i = 0; i < n && lines < 10; i++) {
            int k = switch (b[i]) {
                case ',' -> 0;
                case ';' -> 1;
                case '\t' -> 2;
                case '|' -> 3;
                default -> -1;
            };
            if (k >= 0) {
                cur[k]++;
            } else if (b[i] == '\n') {
                for (int d = 0; d < 4; d++) {
                    if (lines == 0) {
                        first[d] = cur[d];
                    } else if (cur[d] != first[d]) {
                        same[d] = false;
                    }
                    cur[d] = 0;
                }
                lines++;
            }
        }
        if (lines < 3) {
            return false;
        }
        for (int d = 0; d < 4; d++) {
            if (same[d] && first[d] > 0) {
                return true;
            }
        }
        return false;
    }

    public static Charset encoding(byte[] b, int n) {
        int multi = 0;
        int invalid = 0;
        boolean c1 = false;
        boolean ce1250 = false;
        boolean latin2 = false;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                continue;
            }
            int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
            boolean ok = len > 0 && i + len <= n;
            for (int k = 1; ok && k < len; k++) {
                ok = (b[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                multi++;
                i += len - 1;
                continue;
            }
            if (i + len > n && len > 0) {
                break;
            }
            invalid++;
            if (c >= 0x80 && c <= 0x9F) {
                c1 = true;
                ce1250 |= c == 0x8A || c == 0x9A || c == 0x8E || c == 0x9E || c == 0x8C || c == 0x9C;
            }
            ce1250 |= c == 0xE8 || c == 0xC8 || c == 0xE6 || c == 0xF0 || c == 0xB3 || c == 0xA3;
            latin2 |= c == 0xB9 || c == 0xA9 || c == 0xBE || c == 0xAE || c == 0xB3;
        }
        if (invalid == 0) {
            return StandardCharsets.UTF_8;
        }
        if (invalid * 20 < multi) {
            return StandardCharsets.UTF_8;
        }
        if (ce1250 && c1) {
            return Charset.forName("windows-1250");
        }
        if (!c1 && latin2) {
            return Charset.forName("ISO-8859-2");
        }
        if (ce1250) {
            return Charset.forName("windows-1250");
        }
        return Charset.forName("windows-1252");
    }
}
