package org.mburoja.sigma.hunt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.mburoja.sigma.JsonEvents;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * A file that is one JSON array of events (what PowerShell's {@code ConvertTo-Json} and many exports write) read as
 * JSON lines: each element becomes one compact line, so element N is reported as line N. Streaming: one element is
 * held at a time. An element larger than the line limit, and a syntax error (after which nothing more can be read),
 * become lines that carry their reason ({@link #failed}), so what came before still counts.
 */
final class JsonArrayLines extends ChunkStream {

    /** Starts a line that is not an event but the reason it could not be read (no JSON line starts so). */
    static final String FAILED = "\u0000\u0000mburoja: ";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JsonEvents.MAX_DEPTH + 1)
                    .maxStringLength(1 << 24)
                    .maxDocumentLength(-1)
                    .maxNumberLength(100)
                    .build())
            .build();

    private final JsonParser parser;
    private final long maxBytes;
    private final ByteArrayOutputStream element = new ByteArrayOutputStream();
    private byte[] bytes;
    private boolean done;
    private long index;

    /** {@code in} positioned at the array's '['; {@code maxBytes}: the largest element kept. */
    JsonArrayLines(InputStream in, long maxBytes) {
        this.parser = FACTORY.createParser(ObjectReadContext.empty(), in);
        this.maxBytes = maxBytes;
    }

    /** The reason a line carries, or null for an ordinary line. */
    static String failed(byte[] line) {
        if (line.length < 2 || line[0] != 0 || line[1] != 0) {
            return null;
        }
        String s = new String(line, StandardCharsets.UTF_8);
        return s.startsWith(FAILED) ? s.substring(FAILED.length()) : null;
    }

    @Override
    byte[] nextChunk() throws IOException {
        if (done) {
            return null;
        }
        next();
        return bytes;
    }

    /** The next element as a line, a reason line, or the end. */
    private void next() throws IOException {
        try {
            JsonToken t = parser.nextToken();
            if (index == 0) {
                if (t != JsonToken.START_ARRAY) {
                    fail("not a JSON array");
                    return;
                }
                t = parser.nextToken();
            }
            if (t == JsonToken.END_ARRAY) {
                done = true;
                bytes = new byte[0];
                if (parser.nextToken() != null) {
                    fail("text after the JSON array");
                }
                return;
            }
            if (t == null) {
                fail("the JSON array ends early (no closing ']')");
                return;
            }
            index++;
            element.reset();
            boolean over = false;
            try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), element)) {
                int depth = 0;
                while (true) {
                    if (!over) {
                        g.copyCurrentEventExact(parser);
                        if (element.size() > maxBytes) {
                            over = true; // read on to the element's end, keep nothing more
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
                        throw new IOException("the JSON array ends inside element " + index);
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
                line(FAILED + "element of more than " + String.format("%,d", maxBytes) + " bytes exceeds the limit");
                element.reset();
                return;
            }
            element.write('\n');
            bytes = element.toByteArray();
        } catch (JacksonException e) {
            var at = e.getLocation();
            fail("invalid JSON array" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
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
}
