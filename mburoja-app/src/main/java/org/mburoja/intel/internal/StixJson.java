package org.mburoja.intel.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON settings of the intel module. Decimals are read as {@link java.math.BigDecimal} so a stored object
 * keeps its numbers digit for digit; duplicate property names are refused (a second {@code type} or
 * {@code object_marking_refs} must not silently win over the first).
 */
public final class StixJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private StixJson() {
    }

    /** A TAXII timestamp with microseconds: {@code 2026-11-23T19:30:00.123456Z}. */
    public static String timestamp(Instant t) {
        return MICROS.format(t);
    }
}
