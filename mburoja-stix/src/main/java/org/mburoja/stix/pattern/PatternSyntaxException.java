package org.mburoja.stix.pattern;

/**
 * A pattern that does not parse or breaks a rule of the specification, with the place: {@code position} is the
 * 1-based character column in the pattern text.
 */
public final class PatternSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int position;
    private final String reason;

    public PatternSyntaxException(String reason, int position) {
        super("at column " + position + ": " + reason);
        this.reason = reason;
        this.position = position;
    }

    /** 1-based column. */
    public int position() {
        return position;
    }

    /** The reason without the position. */
    public String reason() {
        return reason;
    }
}
