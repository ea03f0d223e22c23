package org.mburoja.incidents.internal;

import java.util.List;

/** Input refused before anything was written; the API answers 400 with these field errors. */
public final class InvalidInputException extends RuntimeException {

    /** One refused field: its JSON path and why. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> fields;

    public InvalidInputException(List<FieldError> fields) {
        super("invalid input: " + fields);
        this.fields = List.copyOf(fields);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> fields() {
        return fields;
    }
}
