package org.mburoja.stix;

/**
 * One finding of the validator: which object, which property, what is wrong.
 *
 * @param severity {@link Severity#ERROR} breaks a MUST of the specification; {@link Severity#WARNING} a SHOULD
 *                 (open vocabulary, UUID version), as OASIS's stix2-validator distinguishes them
 * @param objectId the {@code id} of the offending object, or {@code "(index n)"} when it has none
 * @param property a JSON path inside the object ({@code granular_markings[0].marking_ref}), or {@code ""}
 */
public record StixProblem(Severity severity, String objectId, String property, String message) {

    public enum Severity { ERROR, WARNING }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + objectId
                + (property.isEmpty() ? "" : " " + property) + ": " + message;
    }
}
