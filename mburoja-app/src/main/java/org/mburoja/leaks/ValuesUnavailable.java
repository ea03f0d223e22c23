package org.mburoja.leaks;

/**
 * The unmasked values of a scan cannot be listed now: the scan is not done, its dump was not kept, or the server
 * file it read has changed or gone. The message says which and what to do.
 */
public final class ValuesUnavailable extends RuntimeException {

    public ValuesUnavailable(String message) {
        super(message);
    }
}
