package org.mburoja.stix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON reader and writer for STIX content.
 *
 * <p>Why one: STIX round trips must not lose anything, so numbers are read as {@link java.math.BigDecimal}
 * (no double rounding of custom properties), duplicate keys are refused (a second {@code "id"} would let a producer
 * smuggle a different identity past a checker that reads the first one), and hostile input is bounded: nesting depth
 * {@value #MAX_DEPTH}, one string at most {@value #MAX_STRING_CHARS} characters, a document at most
 * {@value #MAX_DOCUMENT_CHARS} characters. STIX content legitimately nests a few levels (extensions, granular
 * markings); anything near the limit is an attack or a bug.
 */
public final class StixJson {

    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 64;
    /** Longest single string accepted (an artifact {@code payload_bin} is the legitimate large case). */
    public static final int MAX_STRING_CHARS = 64 * 1024 * 1024;
    /** Largest document accepted. */
    public static final long MAX_DOCUMENT_CHARS = 512L * 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING_CHARS)
                            .maxDocumentLength(MAX_DOCUMENT_CHARS)
                            .maxNumberLength(400)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StixJson() {
    }

    /** The shared mapper; thread-safe. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Reads one JSON document.
     *
     * @throws StixParseException with line and column when the text is not JSON or breaks a limit
     */
    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw StixParseException.of(e);
        }
    }

    /** Reads one JSON document from a stream (not closed). */
    public static JsonNode read(InputStream in) {
        try {
            return MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw StixParseException.of(e);
        }
    }

    /** Compact JSON text of a node. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException(e.getOriginalMessage(), e));
        }
    }
}
