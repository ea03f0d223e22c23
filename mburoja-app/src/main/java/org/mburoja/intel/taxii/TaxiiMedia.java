package org.mburoja.intel.taxii;

import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * TAXII 2.1 content negotiation. Every response is {@value #TAXII}; a request's {@code Accept} must allow it (an
 * absent header, a wildcard, or {@code application/taxii+json} with no version or version 2.1), otherwise 406; a
 * POST body must be labelled {@code application/taxii+json} (version 2.1 or none), otherwise 415.
 */
final class TaxiiMedia {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String STIX = "application/stix+json;version=2.1";

    private TaxiiMedia() {
    }

    static void checkAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        for (String range : accept.split(",")) {
            if (acceptable(range)) {
                return;
            }
        }
        throw new TaxiiException(406, "Not acceptable",
                "this server only produces " + TAXII + "; the request accepts only: " + abbreviate(accept));
    }

    static void checkContentType(String contentType) {
        if (contentType == null || !isTaxii(contentType, false)) {
            throw new TaxiiException(415, "Unsupported media type",
                    "the body must be " + TAXII + ", not " + (contentType == null ? "unlabelled" : abbreviate(contentType)));
        }
    }

    private static boolean acceptable(String range) {
        String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("*/*") || type.equals("application/*")) {
            return true;
        }
        return isTaxii(range, true);
    }

    /** {@code application/taxii+json}, optionally with {@code version=2.1} (other parameters such as q are ignored). */
    private static boolean isTaxii(String mediaType, boolean allowQuality) {
        String[] parts = mediaType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/taxii+json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            String value = kv.length == 2 ? kv[1].trim().replace("\"", "") : "";
            if (key.equals("version") && !value.equals("2.1")) {
                return false;
            }
            if (key.equals("q") && allowQuality && value.matches("0(\\.0*)?")) {
                return false;
            }
        }
        return true;
    }

    static ResponseEntity.BodyBuilder ok(int status) {
        return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, TAXII);
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
