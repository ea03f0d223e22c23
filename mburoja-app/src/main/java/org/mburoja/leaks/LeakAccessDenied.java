package org.mburoja.leaks;

/** The actor may not use the leak scanner or breach records (only authority analysts and administrators may). */
public final class LeakAccessDenied extends RuntimeException {

    public LeakAccessDenied(String message) {
        super(message);
    }
}
