package org.mburoja.stix;

import tools.jackson.databind.JsonNode;

/**
 * Resolution of granular-marking selectors (specification 7.2.3.1): dotted property names, list positions as
 * {@code [n]} components, e.g. {@code external_references.[0].url}. A selector must select something that exists.
 */
public final class GranularSelectors {

    private GranularSelectors() {
    }

    /** The node a selector selects, or {@code null} when it selects nothing. */
    public static JsonNode select(JsonNode object, String selector) {
        if (selector.isEmpty() || selector.length() > 1000) {
            return null;
        }
        JsonNode current = object;
        for (String step : selector.split("\\.", -1)) {
            if (step.isEmpty() || current == null) {
                return null;
            }
            if (step.startsWith("[") && step.endsWith("]")) {
                if (!current.isArray()) {
                    return null;
                }
                String digits = step.substring(1, step.length() - 1);
                // ASCII digits only: Integer.parseInt would also take "+1" or "\u0661"
                if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                int index = Integer.parseInt(digits);
                current = index >= 0 && index < current.size() ? current.get(index) : null;
            } else {
                current = current.isObject() ? current.get(step) : null;
            }
        }
        return current;
    }

    /** Whether the selector selects an existing part of the object. */
    public static boolean resolves(JsonNode object, String selector) {
        return select(object, selector) != null;
    }
}
