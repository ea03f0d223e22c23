package org.mburoja.intel.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.function.LongFunction;
import org.mburoja.intel.internal.StixJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** A JSON request body read with a size limit (declared length and actual bytes), refused with where and why. */
final class JsonBody {

    private JsonBody() {
    }

    /**
     * @param tooLarge the exception for a body over {@code maxBytes} (its handler answers 413)
     * @throws IllegalArgumentException when the body is not valid JSON, with the parser's message and place
     */
    static JsonNode read(HttpServletRequest request, long maxBytes, LongFunction<RuntimeException> tooLarge)
            throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge.apply(maxBytes);
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw tooLarge.apply(maxBytes);
        }
        try {
            return StixJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("body: not valid JSON: " + e.getOriginalMessage() + " at "
                    + e.getLocation());
        }
    }
}
