package org.mburoja.leak.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one (decompressed) file: sniffs encoding and format from its first 64 KiB, strips a byte-order mark,
 * transcodes UTF-16 to UTF-8, and hands the lines to the reader of its format. Binary content is scanned as text
 * for fragments of personal data, with a note in the report.
 */
public final class DumpReading {

    private final String name;
    private final FileTally tally;
    private final Diagnostics diag;
    private final int maxLine;
    private String format = "unknown";
    private String encoding = "unknown";
    private CountingInputStream counted;

    private final String sheetOf;
    private final DumpSniffer.Format forced;

    public DumpReading(String name, FileTally tally, Diagnostics diag, int maxLine) {
        this(name, tally, diag, maxLine, null);
    }

    /**
     * For a table taken out of a container ({@code sheetOf}, e.g. "xlsx" for a worksheet written as CSV by
     * {@link XlsxBook}): read as UTF-8 CSV whatever its name, and reported in that container's format.
     */
    public DumpReading(String name, FileTally tally, Diagnostics diag, int maxLine, String sheetOf) {
        this(name, tally, diag, maxLine, sheetOf, sheetOf == null ? null : DumpSniffer.Format.CSV);
    }

    /**
     * For text made by a reader of a container ({@code container}, e.g. "mail" for the decoded text of a mailbox):
     * read as UTF-8 in the given format, and reported in the container's.
     */
    public DumpReading(String name, FileTally tally, Diagnostics diag, int maxLine, String container,
                       DumpSniffer.Format format) {
        this.name = name;
        this.tally = tally;
        this.diag = diag;
        this.maxLine = maxLine;
        this.sheetOf = container;
        this.forced = format;
    }

    public void read(InputStream raw) throws IOException {
        counted = new CountingInputStream(raw, Long.MAX_VALUE, n -> { });
        // available() 0: a BufferedInputStream then makes one read of its source per read of ours, so when the source
        // breaks (a truncated gzip) the bytes it had already given are kept, not dropped with the exception
        BufferedInputStream in = new BufferedInputStream(new java.io.FilterInputStream(counted) {
            @Override
            public int available() {
                return 0;
            }
        }, 1 << 16);
        byte[] head = new byte[1 << 16];
        in.mark(head.length);
        int n = 0;
        try {
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) > 0; ) {
                n += r;
            }
        } catch (IOException e) {
            if (n == 0) {
                throw e;
            }
            // the head is what there was: the break is met again, and reported, where the body reaches it
        }
        in.reset();
        InputStream body = in;
        Charset cs;
        if (n >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE
                || (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            cs = StandardCharsets.UTF_8;
            encoding = "UTF-16";
            body = new Utf16AsUtf8(new InputStreamReader(in, StandardCharsets.UTF_16));
            byte[] h = new String(head, 0, n, StandardCharsets.UTF_16).getBytes(StandardCharsets.UTF_8);
            head = h;
            n = h.length;
        } else if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            in.skipNBytes(3);
            cs = StandardCharsets.UTF_8;
            encoding = "UTF-8";
        } else if (sheetOf != null) {
            cs = StandardCharsets.UTF_8;
            encoding = "UTF-8";
        } else {
            cs = DumpSniffer.encoding(head, n);
            encoding = cs.name();
        }
        tally.encoding(cs);
        DumpSniffer.Format f = forced != null ? forced : DumpSniffer.format(name, head, n);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int c = head[i] & 0xff;
            if (c < 9 || (c > 13 && c < 32)) {
                control++;
            }
        }
        if (n > 0 && control * 20 > n && sheetOf == null) {
            f = DumpSniffer.Format.TEXT;
            diag.add(0, "binary content (" + control + " control bytes in the first " + n
                    + "): scanned for text fragments only");
        }
        format = sheetOf != null ? sheetOf : f.name().toLowerCase(Locale.ROOT);
        LineSource src = new LineSource(body, 1 << 16, maxLine);
        switch (f) {
            case CSV -> CsvReader.read(src, tally, diag);
            case JSON -> JsonReader.read(src, tally, diag);
            case SQL -> SqlDumpReader.read(src, tally, diag);
            case TEXT -> ProseReader.read(src, tally);
        }
        if (src.oversizedLines() > 0) {
            diag.add(0, src.oversizedLines() + " lines longer than " + maxLine
                    + " bytes were scanned in pieces (a value across a piece boundary can be missed)");
        }
    }

    public String format() {
        return format;
    }

    public String encoding() {
        return encoding;
    }

    public long bytes() {
        return counted == null ? 0 : counted.count();
    }

    /** UTF-16 text re-encoded as UTF-8 bytes, a chunk at a time (a surrogate pair is never split between chunks). */
    static final class Utf16AsUtf8 extends BlockInputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private byte[] pending = new byte[0];
        private int pos;
        private int held = -1;

        Utf16AsUtf8(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= pending.length) {
                int n = 0;
                if (held >= 0) {
                    chars[n++] = (char) held; // the high surrogate the last chunk ended with
                    held = -1;
                }
                int r = reader.read(chars, n, chars.length - n);
                if (r < 0 && n == 0) {
                    return -1;
                }
                n += Math.max(r, 0);
                if (r > 0 && Character.isHighSurrogate(chars[n - 1])) {
                    held = chars[--n]; // keep a pair whole: its halves apart would each become '?'
                }
                pending = new String(chars, 0, n).getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            int k = Math.min(len, pending.length - pos);
            System.arraycopy(pending, pos, b, off, k);
            pos += k;
            return k;
        }
    }
}
