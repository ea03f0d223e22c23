package org.mburoja.incidents.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Collects every problem of a request before failing, so the submitter fixes a form in one pass. Checks are
 * linear-time on bounded input: lengths are checked before any pattern runs.
 */
public final class FieldCheck {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    private final List<InvalidInputException.FieldError> errors = new ArrayList<>();

    public FieldCheck add(String field, String message) {
        errors.add(new InvalidInputException.FieldError(field, message));
        return this;
    }

    /** A required text of at most {@code max} characters; returns it trimmed, or null after recording the error. */
    public String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            add(field, "at most " + max + " characters (got " + v.length() + ")");
            return null;
        }
        if (v.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            add(field, "contains control characters");
            return null;
        }
        return v;
    }

    public String email(String field, String value, boolean required) {
        String v = text(field, value, 320, required);
        if (v != null && !EMAIL.matcher(v).matches()) {
            add(field, "not an e-mail address");
            return null;
        }
        return v;
    }

    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "required; one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            add(field, "unknown value '" + abbreviate(value) + "'; one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    public void require(String field, Object value) {
        if (value == null) {
            add(field, "required");
        }
    }

    /** Reads a boolean from a free-form JSON object; anything but true/false is an error. */
    public Boolean bool(String field, Map<String, Object> content, String key, boolean required) {
        Object v = content.get(key);
        if (v == null) {
            if (required) {
                add(field, "required (true or false)");
            }
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        add(field, "must be true or false");
        return null;
    }

    public String textIn(String field, Map<String, Object> content, String key, int max, boolean required) {
        Object v = content.get(key);
        if (v != null && !(v instanceof String)) {
            add(field, "must be text");
            return null;
        }
        return text(field, (String) v, max, required);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
