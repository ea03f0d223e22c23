package org.mburoja.intel;

/**
 * What happened to one object of an ingested envelope or bundle.
 *
 * @param index   position in the envelope's {@code objects} list, from 0
 * @param id      the object's id, when it had a readable one
 * @param version its version (modified, else created), when readable
 * @param status  accepted (stored as a new version), duplicate (that id and version was already stored), rejected
 * @param message why it was rejected, or a note
 */
public record ObjectOutcome(int index, String id, String version, Status status, String message) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    public boolean success() {
        return status != Status.REJECTED;
    }
}
