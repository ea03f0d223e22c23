package org.mburoja.stix;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Input that is not JSON, or JSON that breaks a size or depth limit; carries the place (line, column). */
public final class StixParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public StixParseException(String message, int line, int column) {
        super(line > 0 ? "line " + line + ", column " + column + ": " + message : message);
        this.line = line;
        this.column = column;
    }

    static StixParseException of(JacksonException e) {
        TokenStreamLocation loc = e.getLocation();
        String reason = e.getOriginalMessage();
        if (reason != null && reason.length() > 300) {
            reason = reason.substring(0, 300) + "...";
        }
        return loc == null ? new StixParseException("not valid JSON: " + reason, 0, 0)
                : new StixParseException("not valid JSON: " + reason, loc.getLineNr(), loc.getColumnNr());
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
