package org.mburoja.sigma;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.internal.event.FlatJsonParser;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one JSON-lines record into an {@link Event} with Jackson's streaming parser (no data binding, so no type
 * tricks from input). Limits against hostile lines: 32 levels of nesting, 1 MiB strings, 16 MiB per line; anything
 * else that is not one JSON object is rejected with a reason.
 */
public final class JsonEvents {

    public static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(1 << 20)
                    .maxDocumentLength(16L << 20)
                    .maxNumberLength(100)
                    .build())
            .build();

    private JsonEvents() {
    }

    /** Why a line is not an event. */
    public static final class MalformedEventException extends Exception {
        public MalformedEventException(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The event of one line of UTF-8: the same event, or the same reason, as {@link #parse(String)} of the line
     * decoded with malformed input replaced by U+FFFD. Flat events (the usual shape of log lines) are read straight
     * from the bytes by {@link FlatJsonParser}; every other line takes the generic path.
     */
    public static Event parse(byte[] line) throws MalformedEventException {
        Event flat = FlatJsonParser.local().parse(line);
        if (flat != null) {
            return flat;
        }
        return parse(new String(line, java.nio.charset.StandardCharsets.UTF_8)); // replaces as the stream decoder did
    }

    /**
     * The event of one line. A byte order mark before it (U+FEFF: Windows PowerShell 5 writes one at the start of
     * every UTF-8 file, and concatenated files carry it into a line) is ignored, as RFC 8259 allows.
     */
    public static Event parse(String line) throws MalformedEventException {
        if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1);
        }
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("not a JSON object");
            }
            Map<String, Object> fields = object(p);
            if (p.nextToken() != null) {
                throw new MalformedEventException("text after the JSON object");
            }
            return new MapEvent(fields);
        } catch (JacksonException e) {
            String msg = e.getOriginalMessage();
            throw new MalformedEventException("invalid JSON: " + (msg.length() > 160 ? msg.substring(0, 160) + "..." : msg));
        }
    }

    private static Map<String, Object> object(JsonParser p) {
        Map<String, Object> out = new HashMap<>(64);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, value(p));
        }
        return out;
    }

    private static Object value(JsonParser p) {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getString();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> new BigDecimal(p.getString());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            default -> null;
        };
    }
}
