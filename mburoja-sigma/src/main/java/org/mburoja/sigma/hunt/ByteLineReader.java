package org.mburoja.sigma.hunt;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 input into lines on the bytes, so the reader thread never decodes text: each line is handed on as its
 * own byte array and decoded once, by the worker that parses it. Gives the same lines, line numbers, too-long
 * verdicts and lengths as the char-based reader it replaced (over a replacing UTF-8 decoder): a {@code '\n'} byte is
 * never part of a multi-byte sequence, so splitting before decoding changes nothing. Accepts \n and \r\n, and never
 * holds more than about {@code 4 × maxChars} bytes of one line, so a hostile multi-gigabyte line cannot exhaust
 * memory.
 *
 * <p>A line's length in characters is at most its length in bytes (every UTF-8 sequence and every replaced
 * malformed sequence yields at most one char per byte), so only lines longer than {@code maxChars} bytes are decoded
 * here, to count their characters exactly.
 */
public final class ByteLineReader implements AutoCloseable {

    /** A line: its UTF-8 bytes (without the line end), or {@code bytes == null} when it has more than the limit. */
    public record Line(long number, byte[] bytes, long length) {
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long NEWLINES = ONES * '\n';

    private final InputStream in;
    private final int maxChars;
    /** Bytes of a line kept at most: enough for {@code maxChars} characters of any UTF-8. */
    private final long keepBytes;
    private final byte[] buf;
    private int pos;
    private int end;
    private long lineNumber;
    private byte[] line = new byte[256];
    private int lineLength;
    /** Counts the characters of lines longer than {@code maxChars} bytes (rare), with the replacing decoder. */
    private CharCounter counter;

    public ByteLineReader(InputStream in, int maxChars) {
        this(in, maxChars, 64 * 1024);
    }

    ByteLineReader(InputStream in, int maxChars, int bufferSize) {
        this.in = in;
        this.maxChars = maxChars;
        this.keepBytes = Math.min(4L * maxChars + 4, Integer.MAX_VALUE - 16);
        this.buf = new byte[bufferSize];
    }

    /**
     * True when the next {@link #next()} would have to wait for input that is not there yet: nothing is left in the
     * buffer and the stream has no bytes ready (a pipe or terminal between writes; a file only at its end). Asks
     * the stream only once the buffer is used up.
     */
    public boolean wouldBlock() throws IOException {
        return pos == end && in.available() <= 0;
    }

    /** The next line, or null at the end of input. */
    public Line next() throws IOException {
        lineLength = 0;
        long bytes = 0;
        boolean sawAny = false;
        if (counter != null) {
            counter.reset();
        }
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!sawAny) {
                        return null;
                    }
                    return finish(bytes);
                }
            }
            sawAny = true;
            int start = pos;
            int nl = indexOfNewline(buf, pos, end);
            if (nl >= 0 && bytes == 0 && nl - start <= maxChars) {
                // the whole line is in the buffer (the usual case): one copy, straight from it
                pos = nl + 1;
                lineNumber++;
                int e = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
                return new Line(lineNumber, Arrays.copyOfRange(buf, start, e), nl - start);
            }
            pos = nl < 0 ? end : nl;
            int n = pos - start;
            if (bytes + n > maxChars || bytes > maxChars) {
                if (counter == null) {
                    counter = new CharCounter();
                }
                if (bytes <= maxChars) {
                    counter.add(line, 0, lineLength); // the part kept so far, not yet counted
                }
                counter.add(buf, start, n);
            }
            if (bytes + n <= keepBytes) {
                append(start, n);
            }
            bytes += n;
            if (nl >= 0) {
                pos++;
                return finish(bytes);
            }
        }
    }

    /**
     * The first {@code '\n'} in {@code b[from, to)}, or -1: eight bytes per step (a byte equal to the newline becomes
     * zero, and the lowest byte flagged by the zero-byte test is the first zero; flags above it may be false), the
     * last few bytes one by one.
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int start, int n) {
        if (lineLength + n > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(Math.max(line.length * 2L, (long) lineLength + n), keepBytes));
        }
        System.arraycopy(buf, start, line, lineLength, n);
        lineLength += n;
    }

    private Line finish(long bytes) {
        lineNumber++;
        long chars = bytes;
        if (bytes > maxChars) {
            chars = counter.finish();
            if (chars > maxChars) {
                return new Line(lineNumber, null, chars);
            }
        }
        int n = lineLength;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        byte[] out = Arrays.copyOf(line, n);
        if (line.length > 1 << 16) {
            line = new byte[256]; // do not keep the buffer of one huge line
        }
        return new Line(lineNumber, out, chars);
    }

    /** Whether the line holds only white space (as {@link String#isBlank()} says of its decoded text). */
    public static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b == ' ' || (b >= 9 && b <= 13) || (b >= 28 && b <= 31)) {
                continue;
            }
            if (b >= 0) {
                return false;
            }
            return decode(line).isBlank(); // non-ASCII: let the decoder and Character.isWhitespace decide
        }
        return true;
    }

    /** The line's text, malformed UTF-8 replaced by U+FFFD (as a replacing stream decoder does). */
    static String decode(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the chars a replacing UTF-8 decoder makes of bytes given in pieces. */
    private static final class CharCounter {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(8192);
        private final CharBuffer out = CharBuffer.allocate(8192);
        private long chars;

        void reset() {
            decoder.reset();
            pending.clear();
            out.clear();
            chars = 0;
        }

        void add(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, pending.remaining());
                pending.put(b, off, n);
                off += n;
                len -= n;
                pending.flip();
                drain(false);
                pending.compact();
            }
        }

        private void drain(boolean last) {
            while (true) {
                var r = decoder.decode(pending, out, last);
                chars += out.position();
                out.clear();
                if (!r.isOverflow()) {
                    return;
                }
            }
        }

        long finish() {
            pending.flip();
            drain(true);
            while (decoder.flush(out).isOverflow()) {
                chars += out.position();
                out.clear();
            }
            chars += out.position();
            out.clear();
            return chars;
        }
    }
}
