package org.mburoja.sigma.hunt;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Where events come from: files (a named pipe or a device is read as a stream, so {@code --events <(zcat a.gz)}
 * works), directories (walked recursively, sorted, regular files ending in .jsonl, .json, .ndjson or .log, optionally
 * .gz) and {@code -} for stdin. Gzip is recognised by its magic bytes, not its name. Lines are split
 * on the bytes ({@link ByteLineReader}); invalid UTF-8 is replaced (U+FFFD) when a line is decoded rather than failing
 * the file. UTF-16 and byte order marks are read as UTF-8 ({@link #utf8}); a .json file or stdin that is one JSON
 * array of objects is read element by element, element N counting as line N ({@link #mayBeArray}), and objects
 * pretty-printed one after another value by value ({@link JsonValueLines}).
 */
public final class EventSources {

    /** One input: a display name and how to open it. */
    public record Source(String name, Path path) {
        public boolean isStdin() {
            return path == null;
        }
    }

    private EventSources() {
    }

    public static List<Source> resolve(List<String> args) throws IOException {
        List<Source> out = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-")) {
                out.add(new Source("<stdin>", null));
                continue;
            }
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(EventSources::looksLikeEvents).sorted()
                            .forEach(f -> out.add(new Source(f.toString(), f)));
                }
            } else if (Files.exists(p)) {
                // a file, or a named pipe or device read as a stream (bash's <(zcat logs.gz) is /dev/fd/63)
                out.add(new Source(p.toString(), p));
            } else {
                throw new NoSuchFileException(a, null, "no such event file or directory");
            }
        }
        return out;
    }

    private static boolean looksLikeEvents(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".log");
    }

    public static ByteLineReader open(Source s, InputStream stdin, int maxLine) throws IOException {
        InputStream raw = s.isStdin() ? stdin : Files.newInputStream(s.path());
        return new ByteLineReader(jsonLines(raw, maxLine, s.isStdin() || mayBeArray(s.name())), maxLine);
    }

    /**
     * Whether a file of this name is read as a JSON array when it holds one: a name ending in .json (or .json.gz);
     * stdin is too (its callers pass true). A .jsonl, .ndjson or .log file is JSON lines: its first line, which an
     * attacker may have written as "[{", is one malformed line there. (Were it read as an array, the reader would
     * read on as JSON lines after the array's first syntax error, see {@link JsonValueLines}, and lose no more than
     * the lines of that element; but a valid object on that line would then count as an event.)
     */
    public static boolean mayBeArray(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".json.gz");
    }

    /**
     * Any event input as JSON-lines UTF-8 bytes: gzip is inflated (known by its magic bytes), UTF-16 and byte order
     * marks are read as UTF-8, a JSON array gives one line per element (lines {@link #reasonOf} names stand for
     * elements that could not be read).
     */
    public static InputStream jsonLines(InputStream raw, int maxLine, boolean mayBeArray) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream body = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
        return arrayOrLines(utf8(body), maxLine, mayBeArray);
    }

    /** Why a line of {@link #jsonLines} is not an event (an array element that could not be read), or null. */
    public static String reasonOf(String line) {
        return line.startsWith(JsonValueLines.FAILED) ? line.substring(JsonValueLines.FAILED.length()) : null;
    }

    /**
     * The stream as JSON lines: as it is; or, when it may be an array and starts (after white space) with '[' and
     * then '{' or ']', its array's elements one per line; or, when its first line that is not blank is "{" alone
     * (pretty-printed objects one after another, as {@code jq} writes them; no JSON line is "{"), its values one per
     * line ({@link JsonValueLines}). Reads ahead byte by byte up to those characters, or to the end of that line.
     */
    static InputStream arrayOrLines(InputStream in, int maxLine, boolean mayBeArray) throws IOException {
        ByteArrayOutputStream ahead = new ByteArrayOutputStream();
        int first = skipSpace(in, ahead);
        JsonValueLines.Shape shape = null;
        if (first == '[' && mayBeArray) {
            int second = skipSpace(in, ahead);
            shape = second == '{' || second == ']' ? JsonValueLines.Shape.ARRAY : null;
        } else if (first == '{' && restOfLineBlank(in, ahead)) {
            shape = JsonValueLines.Shape.SEQUENCE;
        }
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(ahead.toByteArray()), in);
        return shape == null ? whole : new JsonValueLines(whole, maxLine, shape);
    }

    /** Reads into {@code ahead} up to the end of the line: whether it held only white space (at most 64 KB). */
    private static boolean restOfLineBlank(InputStream in, ByteArrayOutputStream ahead) throws IOException {
        int c;
        while ((c = in.read()) == ' ' || c == '\t' || c == '\r') {
            ahead.write(c);
            if (ahead.size() > 1 << 16) {
                return false;
            }
        }
        if (c >= 0) {
            ahead.write(c);
        }
        return c == '\n';
    }

    /** Reads white space into {@code ahead}, then the next byte too; that byte, or -1 at the end or after 64 KB. */
    private static int skipSpace(InputStream in, ByteArrayOutputStream ahead) throws IOException {
        int c;
        while ((c = in.read()) == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ahead.write(c);
            if (ahead.size() > 1 << 16) {
                return -1; // white space without end: read as lines
            }
        }
        if (c >= 0) {
            ahead.write(c);
        }
        return c;
    }

    /**
     * The text as UTF-8 without a leading byte order mark: UTF-16 with its mark (what Windows PowerShell 5's
     * {@code >} and {@code Out-File} write) is converted, lone surrogates becoming U+FFFD; a UTF-8 mark is dropped.
     * Anything else is read as it is. The first bytes are read ahead, not through a buffering stream: a
     * {@code BufferedInputStream} over a gzip stream that breaks (a truncated file) throws away what it had already
     * inflated into the caller's array.
     */
    static InputStream utf8(InputStream in) throws IOException {
        byte[] head = in.readNBytes(3);
        int b1 = head.length > 0 ? head[0] & 0xFF : -1;
        int b2 = head.length > 1 ? head[1] & 0xFF : -1;
        int b3 = head.length > 2 ? head[2] & 0xFF : -1;
        if (b1 == 0xEF && b2 == 0xBB && b3 == 0xBF) {
            return in;
        }
        if (b1 == 0xFF && b2 == 0xFE || b1 == 0xFE && b2 == 0xFF) {
            InputStream rest = new SequenceInputStream(
                    new ByteArrayInputStream(head, 2, head.length - 2), in);
            return new Utf16ToUtf8(new InputStreamReader(rest,
                    b1 == 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE));
        }
        return head.length == 0 ? in : new SequenceInputStream(new ByteArrayInputStream(head), in);
    }

    /** UTF-8 bytes of a reader's text, a chunk at a time (a surrogate pair split between chunks is kept whole). */
    private static final class Utf16ToUtf8 extends ChunkStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private int held = -1;

        Utf16ToUtf8(Reader reader) {
            this.reader = reader;
        }

        @Override
        byte[] nextChunk() throws IOException {
            int n = 0;
            if (held >= 0) {
                chars[n++] = (char) held;
                held = -1;
            }
            int r = reader.read(chars, n, chars.length - n);
            if (r < 0 && n == 0) {
                return null;
            }
            n += Math.max(r, 0);
            if (r > 0 && Character.isHighSurrogate(chars[n - 1])) {
                held = chars[--n];
            }
            return new String(chars, 0, n).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
