package org.mburoja.intel;

/** The actor may not do this with the collection or object; the refusal has been audited. */
public class IntelAccessDenied extends RuntimeException {

    public IntelAccessDenied(String message) {
        super(message);
    }
}
