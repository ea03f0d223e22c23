package org.mburoja.web;

import java.util.List;

/**
 * Input was rejected, field by field. Thrown by any module's service; {@code /api} answers 400 with an
 * {@link ApiError} listing the fields, and pages show the reasons next to the form.
 */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<ApiError.FieldError> fields;

    public InvalidInputException(List<ApiError.FieldError> fields) {
        super(summary(fields));
        this.fields = List.copyOf(fields);
    }

    /** One rejected field. */
    public static InvalidInputException of(String field, String rejected, String reason) {
        return new InvalidInputException(List.of(new ApiError.FieldError(field, rejected, reason)));
    }

    public List<ApiError.FieldError> fields() {
        return fields;
    }

    private static String summary(List<ApiError.FieldError> fields) {
        if (fields.isEmpty()) {
            return "invalid input";
        }
        StringBuilder sb = new StringBuilder();
        for (ApiError.FieldError f : fields) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(f.field()).append(": ").append(f.reason());
        }
        return sb.toString();
    }
}
