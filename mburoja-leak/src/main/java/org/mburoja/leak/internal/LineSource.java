package org.mburoja.leak.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Lines of a stream, handed out as slices of one reusable buffer ({@link #buf}, {@link #start}, {@link #end}) so
 * that reading allocates nothing per line. The buffer grows up to {@code maxLine}; a longer line is handed out in
 * pieces of that size with {@link #partial} set, so memory stays bounded whatever the input (a 2 GB line of a
 * minified dump is scanned, in pieces, not loaded).
 */
public final class LineSource {

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final int maxLine;
    public byte[] buf;
    public int start;
    public int end;
    /** True when the current slice is a piece of a line longer than the limit. */
    public boolean partial;
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private long oversizedLines;
    private boolean inOversized;

    public LineSource(InputStream in, int initial, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.buf = new byte[Math.min(initial, maxLine)];
    }

    /** Advances to the next line (without its line end); false at the end of the stream. */
    public boolean next() throws IOException {
        int scanFrom = pos;
        while (true) {
            byte[] b = buf;
            int lim = limit;
            int i = scanFrom;
            // eight bytes at a time: a zero byte in (word ^ '\n'*8) marks a line end (SWAR, no per-byte branch)
            while (i + 8 <= lim) {
                long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
                long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
                if (t != 0) {
                    i += Long.numberOfTrailingZeros(t) >>> 3;
                    break;
                }
                i += 8;
            }
            for (; i < lim; i++) {
                if (b[i] == '\n') {
                    start = pos;
                    end = i > pos && b[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    partial = false;
                    if (inOversized) {
                        inOversized = false;
                    } else {
                        lineNumber++;
                    }
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    partial = false;
                    lineNumber++;
                    return true;
                }
                return false;
            }
            int scanned = limit - pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                if (buf.length < maxLine) {
                    buf = Arrays.copyOf(buf, Math.min(maxLine, buf.length * 2));
                } else {
                    int cut = limit;
                    for (int k = limit - 1; k > limit - 256 && k > 0; k--) {
                        if (b[k] == ' ' || b[k] == ',' || b[k] == ';') {
                            cut = k + 1;
                            break;
                        }
                    }
                    start = 0;
                    end = cut;
                    pos = cut;
                    partial = true;
                    if (!inOversized) {
                        oversizedLines++;
                        lineNumber++;
                        inOversized = true;
                    }
                    return true;
                }
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
            scanFrom = scanned;
        }
    }

    public long lineNumber() {
        return lineNumber;
    }

    public long oversizedLines() {
        return oversizedLines;
    }
}
