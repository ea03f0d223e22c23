package org.mburoja.sigma.hunt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Where events come from: files (a named pipe or a device is read as a stream, so {@code --events <(zcat a.gz)}
 * works), directories (walked recursively, sorted, regular files ending in .jsonl, .json, .ndjson or .log, optionally
 * .gz) and {@code -} for stdin. Gzip is recognised by its magic bytes, not its name. Lines are split
 * on the bytes ({@link ByteLineReader}); invalid UTF-8 is replaced (U+FFFD) when a line is decoded rather than failing
 * the file.
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
        String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        return n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson") || n.endsWith(".log");
    }

    public static ByteLineReader open(Source s, InputStream stdin, int maxLine) throws IOException {
        InputStream raw = s.isStdin() ? stdin : Files.newInputStream(s.path());
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream body = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
        return new ByteLineReader(body, maxLine);
    }
}
