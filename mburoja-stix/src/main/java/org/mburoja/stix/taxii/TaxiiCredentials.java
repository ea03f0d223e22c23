package org.mburoja.stix.taxii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How the client authenticates: HTTP Basic (user and API token) or a Bearer token. {@link #toString()} never shows
 * the secret, so credentials can be logged by accident without leaking.
 */
public sealed interface TaxiiCredentials {

    /** The value of the Authorization header, or null for anonymous access. */
    String header();

    record Basic(String user, String secret) implements TaxiiCredentials {
        @Override
        public String header() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Basic[" + user + ", ***]";
        }
    }

    record Bearer(String token) implements TaxiiCredentials {
        @Override
        public String header() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    record None() implements TaxiiCredentials {
        @Override
        public String header() {
            return null;
        }
    }
}
