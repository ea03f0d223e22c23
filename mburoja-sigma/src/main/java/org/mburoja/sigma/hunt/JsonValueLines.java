package org.mburoja.sigma.hunt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.mburoja.sigma.JsonEvents;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Events written as JSON but not one per line, read as JSON lines: each event becomes one compact line. Two shapes:
 * <ul>
 * <li>{@link Shape#ARRAY}: one JSON array of events (what PowerShell's {@code ConvertTo-Json} and many exports
 * write), or several one after another (exports joined with {@code cat}); element N, counted over all of them, is
 * reported as line N.</li>
 * <li>{@link Shape#SEQUENCE}: pretty-printed values one after another (what {@code jq '.[]'} writes); value N is
 * reported as line N.</li>
 * </ul>
 * Streaming: one value is held at a time. A value larger than the line limit becomes a line that carries its reason
 * ({@link #failed}), and the values after it are read. A syntax error also becomes such a line, and the rest of the
 * input is then read as JSON lines from the line after the one the failed value started on, or from the error's own
 * line when the value began on an earlier one: a line an attacker wrote into a log (say, "[{" or "{" as its first
 * line) costs the lines of that one failed value, never the events after them. (The latest bytes read are kept for
 * that, at least the line limit and 1 MiB; an error on a line that began before them ends the input.) Blank lines
 * before the rest give its lines their own numbers in the input, as the reason line says; when the values before the
 * error were more than the input's lines up to it (several on a line), the rest is numbered on from them instead, and
 * the reason line says that too.
 */
final class JsonValueLines extends ChunkStream {

    /**
     * Starts a line that is not an event but the reason it could not be read. No JSON line starts with NUL, and the
     * random part, new in every process, keeps a line of the input from passing for one: a hostile line that begins
     * the same way without it is an ordinary malformed line, reported with its own parse error, not with a reason of
     * its choosing.
     */
    static final String FAILED = "\u0000\u0000mburoja " + HexFormat.of().toHexDigits(new SecureRandom().nextLong())
            + ": ";

    /** How the events are laid out. */
    enum Shape { ARRAY, SEQUENCE }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonEvents.MAX_DEPTH + 1)
                    .maxStringLength(1 << 24)
                    .maxDocumentLength(-1)
                    .maxNumberLength(100)
                    .build())
            .build();

    private final Shape shape;
    private final Recording input;
    private final JsonParser parser;
    private final long maxBytes;
    private final ByteArrayOutputStream element = new ByteArrayOutputStream();
    private byte[] bytes;
    private boolean done;
    private long index;
    /** The line of the first token of the value being read. */
    private int valueLine;
    /** After a syntax error: the rest of the input as it is. */
    private InputStream rest;
    /** Lines handed out so far (values and reasons). */
    private long lines;
    /** Blank lines still to hand out before the rest, so that its lines get their numbers in the input. */
    private long blankLines;

    /** {@code in} positioned at the array's '[' or the first value; {@code maxBytes}: the largest value kept. */
    JsonValueLines(InputStream in, long maxBytes, Shape shape) {
        this.shape = shape;
        this.input = new Recording(in, 2 * (maxBytes + (1 << 20)));
        this.parser = FACTORY.createParser(ObjectReadContext.empty(), input);
        this.maxBytes = maxBytes;
    }

    private static final byte[] FAILED_BYTES = FAILED.getBytes(StandardCharsets.UTF_8);

    /** The reason a line carries, or null for an ordinary line. */
    static String failed(byte[] line) {
        int n = FAILED_BYTES.length;
        if (line.length < n || !Arrays.equals(line, 0, n, FAILED_BYTES, 0, n)) {
            return null;
        }
        return new String(line, n, line.length - n, StandardCharsets.UTF_8);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (rest != null && blankLines == 0 && drained()) {
            return rest.read(b, off, len); // the rest as it is: no chunks to make
        }
        return super.read(b, off, len);
    }

    @Override
    byte[] nextChunk() throws IOException {
        if (blankLines > 0) {
            byte[] newlines = new byte[(int) Math.min(blankLines, 1 << 16)];
            Arrays.fill(newlines, (byte) '\n');
            blankLines -= newlines.length;
            return newlines;
        }
        if (rest != null) { // (read() takes the rest directly once the chunks before it are drained)
            byte[] chunk = new byte[1 << 16];
            int n = rest.read(chunk);
            return n < 0 ? null : Arrays.copyOf(chunk, n);
        }
        if (done) {
            return null;
        }
        next();
        if (bytes != null && bytes.length > 0) {
            lines++;
        }
        return bytes;
    }

    /** The next value as a line, a reason line, or the end. */
    private void next() throws IOException {
        try {
            JsonToken t = parser.nextToken();
            if (shape == Shape.ARRAY && index == 0) {
                if (t != JsonToken.START_ARRAY) {
                    fail("not a JSON array");
                    return;
                }
                t = parser.nextToken();
            }
            while (shape == Shape.ARRAY && t == JsonToken.END_ARRAY) {
                JsonToken after = parser.nextToken();
                if (after == null) {
                    done = true;
                    bytes = new byte[0];
                    return;
                }
                if (after != JsonToken.START_ARRAY) {
                    fail("text after the JSON array");
                    return;
                }
                t = parser.nextToken(); // arrays one after another (exports joined with cat): the next one's elements
            }
            if (t == null) {
                if (shape == Shape.ARRAY) {
                    fail("the JSON array ends early (no closing ']')");
                } else {
                    done = true;
                    bytes = null;
                }
                return;
            }
            index++;
            valueLine = parser.currentTokenLocation().getLineNr();
            element.reset();
            boolean over = false;
            try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), element)) {
                int depth = 0;
                while (true) {
                    if (!over) {
                        g.copyCurrentEventExact(parser);
                        if (element.size() > maxBytes) {
                            over = true; // read on to the value's end, keep nothing more
                        }
                    }
                    if (t.isStructStart()) {
                        depth++;
                    } else if (t.isStructEnd()) {
                        depth--;
                    }
                    if (depth == 0) {
                        break;
                    }
                    t = parser.nextToken();
                    if (t == null) {
                        throw new IOException("the JSON " + (shape == Shape.ARRAY ? "array ends inside element "
                                : "text ends inside value ") + index);
                    }
                }
                if (!over) {
                    g.flush();
                }
            } catch (JacksonException e) {
                if (!over) {
                    throw e;
                }
            }
            if (over) {
                line(FAILED + (shape == Shape.ARRAY ? "element" : "value") + " of more than "
                        + String.format("%,d", maxBytes) + " bytes exceeds the limit");
                element.reset();
                return;
            }
            element.write('\n');
            bytes = element.toByteArray();
        } catch (JacksonException e) {
            syntaxError(e);
        }
    }

    /** Reports the error, then hands out the rest as it is, from the line the next event can be on. */
    private void syntaxError(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String reason = "invalid JSON " + (shape == Shape.ARRAY ? "array" : "text") + where + ": "
                + e.getOriginalMessage();
        long errorAt = at == null ? -1 : at.getByteOffset();
        // the error's own line, unless the failed value began on it: then the line after it
        boolean ownLine = at != null && at.getLineNr() > valueLine;
        InputStream tail;
        try {
            // at the end of the input, or when the input itself broke, there is nothing to read on
            boolean readOn = errorAt >= 0 && !(e instanceof UnexpectedEndOfInputException)
                    && !(e instanceof JacksonIOException) && !input.endsAt(errorAt);
            tail = readOn ? input.from(errorAt, ownLine) : null;
        } catch (IOException | RuntimeException unreadable) {
            tail = null;
        }
        if (tail == null) {
            fail(reason);
            return;
        }
        int fromLine = at.getLineNr() + (ownLine ? 0 : 1);
        // this reason is line lines + 1; blank lines (skipped by every reader of events) bring the rest to its number
        long first = lines + 2;
        blankLines = Math.max(0, fromLine - first);
        line(FAILED + reason + "; the rest is read as JSON lines from line " + fromLine
                + (fromLine < first ? " (numbered from " + first + " here: the values before it were numbered one by one)"
                : ""));
        rest = tail;
    }

    private void fail(String reason) {
        done = true;
        line(FAILED + reason);
    }

    private void line(String text) {
        bytes = (text.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /**
     * The input, with the latest bytes read kept (at least the last {@code limit / 2}, at most {@code limit}), so that
     * the input can be read on from the start of the line a syntax error is on (the parser reads ahead).
     */
    static final class Recording extends InputStream {
        private final InputStream in;
        private final int limit;
        private byte[] kept = new byte[1 << 16];
        private int size;
        /** Offset of {@code kept[0]} in the input. */
        private long base;
        private boolean ended;

        Recording(InputStream in, long limit) {
            this.in = in;
            this.limit = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(1 << 16, limit));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int got = in.read(b, off, len);
            if (got <= 0) {
                ended |= got < 0;
                return got;
            }
            int n = got;
            if (n >= limit / 2) { // a read larger than the window: keep its end
                base += size + n - limit / 2;
                size = 0;
                off += n - limit / 2;
                n = limit / 2;
            } else if (size + n > limit) {
                keepFrom(base + size - limit / 2);
            }
            if (size + n > kept.length) {
                kept = Arrays.copyOf(kept, (int) Math.min(limit, Math.max(kept.length * 2L, size + n)));
            }
            System.arraycopy(b, off, kept, size, n);
            size += n;
            return got;
        }

        /** Whether the input has ended and {@code offset} is its end (an error there is the input cut short). */
        boolean endsAt(long offset) {
            return ended && offset >= base + size;
        }

        /** Forgets what came before {@code offset}: the window's new start (once per half a window: linear). */
        private void keepFrom(long offset) {
            int drop = (int) Math.max(0, Math.min(size, offset - base));
            if (drop > 0) {
                System.arraycopy(kept, drop, kept, 0, size - drop);
                size -= drop;
                base += drop;
            }
        }

        /**
         * The input from the start of the line holding {@code offset} ({@code ownLine}), or from the start of the
         * next line; null when the start of the line holding it is no longer kept.
         */
        InputStream from(long offset, boolean ownLine) throws IOException {
            if (offset < base || offset > base + size) {
                return null;
            }
            int p = (int) (offset - base);
            if (ownLine) {
                int q = Math.min(p, size) - 1;
                while (q >= 0 && kept[q] != '\n') {
                    q--;
                }
                if (q < 0 && base != 0) {
                    return null;
                }
                return rest(q + 1);
            }
            while (p < size && kept[p] != '\n') {
                p++;
            }
            if (p < size) {
                return rest(p + 1);
            }
            int c; // the line goes on past what the parser has read: skip to its end
            while ((c = in.read()) >= 0 && c != '\n') {
                // skipped: the rest of the failed value's line
            }
            return in;
        }

        private InputStream rest(int p) {
            return new SequenceInputStream(new ByteArrayInputStream(kept, p, size - p), in);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
