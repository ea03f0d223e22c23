package org.mburoja.sigma.hunt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * ({@link #failed}), and the values after it are read. A syntax error also becomes such a line, and reading goes on
 * from the line after the one the failed value started on, or from the error's own line when the value began on an
 * earlier one (the latest bytes read are kept for that, at least the line limit and 1 MiB; an error on a line that
 * began before them ends the input):
 * <ul>
 * <li>when that line, or the first line after it that can begin events, is a whole JSON object, the rest is read as
 * JSON lines: a line an attacker wrote into a log (say, "[{" or "{" as its first line) costs the lines of that one
 * failed value, never the events after them. (In pretty-printed input such a line counts only when the next line
 * that is not blank is a whole object too, or the end: inside a broken pretty value, "{}" is more likely a piece
 * of it.) Blank lines before the rest give its lines their own numbers in the
 * input, as the reason line says; when the values before the error were more than the input's lines up to it
 * (several on a line), the rest is numbered on from them instead, and the reason line says that too;</li>
 * <li>when it is "{" alone (how pretty-printers open each element or value), or in an array a whole element followed
 * by ',' (or the last one, before "]"), values of the same layout are read from there: a broken element of a
 * pretty-printed export costs that element only. This happens at most {@link #MAX_RESUMPTIONS} times in an input;
 * then the rest is read as JSON lines.</li>
 * </ul>
 * The lines in between (the rest of the broken value) are skipped, and the reason line names them; a line that could
 * be an event (a whole object) is never among them.
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

    /**
     * Reading resumes as values at most this often in one input (each costs a new parser, about 0.1 ms); after that the
     * rest is read as JSON lines, so an input broken in every value costs no more than JSON lines do.
     */
    static final int MAX_RESUMPTIONS = 1_000;

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
    /** The input, with bytes handed back to it where reading resumes (one stream however often that happens). */
    private final Rewind source;
    private Recording input;
    private JsonParser parser;
    /** File line of the parser's line 0: the parser starts anew where reading resumes after a syntax error. */
    private int lineBase;
    /** The input line reading last resumed at as values: an error there moves on to the next line at least. */
    private int resumedAt;
    private int resumptions;
    /** Whether the parser's input starts with a '[' handed back before the line reading resumed at. */
    private boolean bracketed;
    /** The input line of the array's '[' (0 before it is read). */
    private int arrayLine;
    /**
     * Whether the values are pretty-printed: a sequence (its first line is "{" alone), or an array whose first element
     * starts on a line after its '['. Then a line that looks like a whole object after an error is taken for JSON
     * lines only when the next line is one too: inside a broken pretty value such a line is more likely a piece of it.
     */
    private boolean pretty;
    /** Whether the parser's next token opens the array (at the start, and where reading resumes after an error). */
    private boolean arrayStart;
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
        this.source = new Rewind(in);
        this.input = new Recording(source, 2 * (maxBytes + (1 << 20)));
        this.parser = FACTORY.createParser(ObjectReadContext.empty(), input);
        this.maxBytes = maxBytes;
        this.arrayStart = shape == Shape.ARRAY;
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
            if (arrayStart) {
                if (t != JsonToken.START_ARRAY) {
                    fail("not a JSON array");
                    return;
                }
                arrayStart = false;
                if (arrayLine == 0) {
                    arrayLine = lineBase + parser.currentTokenLocation().getLineNr();
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
            if (index == 1) {
                pretty = shape == Shape.SEQUENCE || lineBase + valueLine > arrayLine;
            }
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

    /**
     * Reports the error, then reads on from the line the next event can be on: as values of the same layout from the
     * next line that starts one ("{" alone, as pretty-printers write each element; in an array also a whole element
     * on a line ending with ','), or as JSON lines from the next line that is a whole object. Lines before either are
     * skipped (the rest of the broken value; a line that could be an event is never among them).
     */
    private void syntaxError(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        // (where an array resumed, the parser's first line starts with the '[' handed back before it)
        int column = at == null ? 0 : at.getColumnNr() - (bracketed && at.getLineNr() == 1 ? 1 : 0);
        String where = at == null ? "" : " at line " + (lineBase + at.getLineNr()) + ", column " + column;
        String reason = "invalid JSON " + (shape == Shape.ARRAY ? "array" : "text") + where + ": "
                + e.getOriginalMessage();
        long errorAt = at == null ? -1 : at.getByteOffset();
        // the error's own line, unless the failed value began on it (or reading last resumed there): then the next
        boolean ownLine = at != null && at.getLineNr() > valueLine && lineBase + at.getLineNr() > resumedAt;
        boolean rewound;
        try {
            // at the end of the input, or when the input itself broke, there is nothing to read on
            boolean readOn = errorAt >= 0 && !(e instanceof UnexpectedEndOfInputException)
                    && !(e instanceof JacksonIOException) && !input.endsAt(errorAt);
            rewound = readOn && input.rewindTo(errorAt, ownLine);
        } catch (IOException | RuntimeException unreadable) {
            rewound = false;
        }
        if (!rewound) {
            fail(reason);
            return;
        }
        int fromLine = lineBase + at.getLineNr() + (ownLine ? 0 : 1);
        Resumption r;
        try {
            r = resume(fromLine);
        } catch (IOException unreadable) {
            fail(reason + "; the input after it could not be read: " + unreadable.getMessage());
            return;
        }
        String skipped = r.line > fromLine ? "; lines " + fromLine + "-" + (r.line - 1) + " skipped" : "";
        if (r.layout == Layout.VALUES && ++resumptions > MAX_RESUMPTIONS) {
            r = new Resumption(Layout.LINES, r.line);
            skipped += "; more than " + String.format("%,d", MAX_RESUMPTIONS) + " broken values";
        }
        switch (r.layout) {
            case END -> fail(reason + (r.line > fromLine ? "; lines " + fromLine + "-" + (r.line - 1)
                    + " after it hold no event" : ""));
            case VALUES -> {
                line(FAILED + reason + skipped + "; read on from the " + (shape == Shape.ARRAY ? "element" : "value")
                        + " at line " + r.line);
                if (shape == Shape.ARRAY) {
                    source.unread(new byte[] {'['}, 0, 1); // the array goes on: its next element, as in a new one
                }
                input = new Recording(source, 2 * (maxBytes + (1 << 20)));
                parser = FACTORY.createParser(ObjectReadContext.empty(), input);
                lineBase = r.line - 1;
                resumedAt = r.line;
                bracketed = shape == Shape.ARRAY;
                valueLine = 0;
                arrayStart = shape == Shape.ARRAY;
            }
            case LINES -> {
                // this reason is line lines + 1; blank lines (skipped by every reader of events) bring the rest to
                // its number
                long first = lines + 2;
                blankLines = Math.max(0, r.line - first);
                line(FAILED + reason + skipped + "; the rest is read as JSON lines from line " + r.line
                        + (r.line < first ? " (numbered from " + first
                        + " here: the values before it were numbered one by one)" : ""));
                rest = source;
            }
        }
    }

    private enum Layout { VALUES, LINES, END }

    /** How and from which line (of the input) reading goes on; {@link #source} then starts at that line. */
    private record Resumption(Layout layout, int line) {
    }

    /**
     * Reads {@link #source} (at the start of input line {@code line}) line by line up to where events can be read
     * again, and hands that line back to it.
     */
    private Resumption resume(int line) throws IOException {
        Rewind in = source;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (true) {
            text.reset();
            boolean whole = true;
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (text.size() <= maxBytes) {
                    text.write(c);
                } else {
                    whole = false; // longer than any event: skipped
                }
            }
            if (c < 0 && text.size() == 0) {
                return new Resumption(Layout.END, line);
            }
            Layout layout = whole ? startsEvents(text.toByteArray()) : null;
            if (layout != null) {
                if (c == '\n') {
                    text.write('\n');
                }
                int candidate = text.size();
                if (layout == Layout.LINES && c == '\n') {
                    // what the next line that is not blank says of this one
                    Next next = nextLine(in, text);
                    if (shape == Shape.ARRAY && next == Next.CLOSE) {
                        layout = Layout.VALUES; // the array's last element, on a line of its own
                    } else if (pretty && next == Next.OTHER) {
                        // a piece of the broken pretty value that looks like an object: not where events begin
                        in.unread(text.toByteArray(), candidate, text.size() - candidate);
                        line++;
                        continue;
                    }
                }
                in.unread(text.toByteArray(), 0, text.size());
                return new Resumption(layout, line);
            }
            if (c < 0) {
                return new Resumption(Layout.END, line + 1);
            }
            line++;
        }
    }

    /** What the next line that is not blank is. */
    private enum Next { OBJECT, CLOSE, END, OTHER }

    /**
     * Reads up to and including the next line that is not blank (at most 64 KB more) into {@code text}, to be handed
     * back, and tells what it is: a whole object, "]" alone, the end of the input, or anything else (also a line too
     * long to look at).
     */
    private static Next nextLine(Rewind in, ByteArrayOutputStream text) throws IOException {
        int limit = text.size() + (1 << 16);
        int lineStart = text.size();
        boolean blank = true;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return blank ? Next.END : classify(text.toByteArray(), lineStart, text.size());
            }
            text.write(c);
            if (c == '\n') {
                if (!blank) {
                    return classify(text.toByteArray(), lineStart, text.size());
                }
                lineStart = text.size();
            } else if (!isBlank((byte) c)) {
                blank = false;
            }
            if (text.size() >= limit) {
                return Next.OTHER;
            }
        }
    }

    private static Next classify(byte[] b, int s, int e) {
        while (s < e && (isBlank(b[s]) || b[s] == '\n')) {
            s++;
        }
        while (e > s && (isBlank(b[e - 1]) || b[e - 1] == '\n')) {
            e--;
        }
        if (e - s == 1 && b[s] == ']') {
            return Next.CLOSE;
        }
        return e - s >= 2 && b[s] == '{' && b[e - 1] == '}' ? Next.OBJECT : Next.OTHER;
    }

    /** Whether a line can begin events again, and in which layout; null when it cannot (skipped). */
    private Layout startsEvents(byte[] line) {
        int s = 0;
        int e = line.length;
        while (s < e && isBlank(line[s])) {
            s++;
        }
        while (e > s && isBlank(line[e - 1])) {
            e--;
        }
        if (e - s == 1 && line[s] == '{') {
            return Layout.VALUES; // "{" alone: a pretty-printed element or value begins
        }
        if (e - s >= 2 && line[s] == '{' && line[e - 1] == '}') {
            return Layout.LINES; // a whole object: JSON lines, read as such
        }
        if (e - s >= 3 && line[s] == '{' && line[e - 2] == '}' && line[e - 1] == ',') {
            return shape == Shape.ARRAY ? Layout.VALUES : Layout.LINES; // one element on each line of an array
        }
        return null;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
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
         * Hands the input back to {@link #in} (a {@link Rewind}) from the start of the line holding {@code offset}
         * ({@code ownLine}), or from the start of the next line: false when the start of the line holding it is no
         * longer kept.
         */
        boolean rewindTo(long offset, boolean ownLine) throws IOException {
            if (offset < base || offset > base + size) {
                return false;
            }
            Rewind back = (Rewind) in;
            int p = (int) (offset - base);
            if (ownLine) {
                int q = Math.min(p, size) - 1;
                while (q >= 0 && kept[q] != '\n') {
                    q--;
                }
                if (q < 0 && base != 0) {
                    return false;
                }
                back.unread(kept, q + 1, size - (q + 1));
                return true;
            }
            while (p < size && kept[p] != '\n') {
                p++;
            }
            if (p < size) {
                back.unread(kept, p + 1, size - (p + 1));
                return true;
            }
            int c; // the line goes on past what the parser has read: skip to its end
            while ((c = back.read()) >= 0 && c != '\n') {
                // skipped: the rest of the failed value's line
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * A stream that bytes can be handed back to ({@link #unread}), to be read again before the rest: where reading
     * resumes after a syntax error. Reads one byte at a time from a buffer of its own.
     */
    static final class Rewind extends InputStream {
        private final InputStream in;
        /** Bytes to read before {@link #in}: the first array first, each from its position. */
        private final java.util.ArrayDeque<byte[]> back = new java.util.ArrayDeque<>();
        private int pos;

        Rewind(InputStream in) {
            this.in = in;
        }

        /** {@code b[off, off + len)} (copied) is read next, before anything handed back earlier. */
        void unread(byte[] b, int off, int len) {
            if (len <= 0) {
                return;
            }
            byte[] head = back.peekFirst();
            if (head != null && pos > 0) { // drop what of the first array was read
                back.removeFirst();
                back.addFirst(Arrays.copyOfRange(head, pos, head.length));
            }
            back.addFirst(Arrays.copyOfRange(b, off, off + len));
            pos = 0;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            byte[] head = back.peekFirst();
            int c = head[pos++] & 0xFF;
            if (pos == head.length) {
                back.removeFirst();
                pos = 0;
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (back.isEmpty()) {
                return in.read(b, off, len);
            }
            byte[] head = back.peekFirst();
            int n = Math.min(len, head.length - pos);
            System.arraycopy(head, pos, b, off, n);
            pos += n;
            if (pos == head.length) {
                back.removeFirst();
                pos = 0;
            }
            return n;
        }

        /** Whether a byte is there to read in the first array, reading a buffer from {@link #in} when none is. */
        private boolean fill() throws IOException {
            if (!back.isEmpty()) {
                return true;
            }
            byte[] chunk = new byte[1 << 16];
            int n;
            do {
                n = in.read(chunk);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            back.addFirst(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
            pos = 0;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
