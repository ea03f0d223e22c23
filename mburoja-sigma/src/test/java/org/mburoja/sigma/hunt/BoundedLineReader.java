package org.mburoja.sigma.hunt;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines without ever holding more than {@code maxChars} of one line: a longer line is skipped to its end and
 * reported as too long, so a single hostile multi-gigabyte line cannot exhaust memory. Accepts \n and \r\n.
 *
 * <p>The hunt's line reader before {@link ByteLineReader} (over a replacing UTF-8 {@code InputStreamReader}), kept
 * as the oracle {@code ByteLineReaderTest} holds the byte reader to.
 */
final class BoundedLineReader implements AutoCloseable {

    /** A line, or (text == null) a line that was too long. */
    record Line(long number, String text, long length) {
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int end;
    private long lineNumber;
    private final StringBuilder sb = new StringBuilder();

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of input. */
    Line next() throws IOException {
        sb.setLength(0);
        long length = 0;
        boolean sawAny = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!sawAny) {
                        return null;
                    }
                    return finish(length);
                }
            }
            sawAny = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            length += n;
            if (length <= maxChars) {
                sb.append(buf, start, n);
            }
            if (pos < end) {
                pos++;
                return finish(length);
            }
        }
    }

    private Line finish(long length) {
        lineNumber++;
        if (length > maxChars) {
            return new Line(lineNumber, null, length);
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
        }
        return new Line(lineNumber, sb.toString(), length);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
