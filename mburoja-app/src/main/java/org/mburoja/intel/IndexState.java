package org.mburoja.intel;

import java.time.Instant;
import java.util.Map;

/**
 * The live indicator index at one moment.
 *
 * @param generation how many complete builds have been made since the start (0: still loading)
 * @param builtAt    when the current build started reading the store (null while loading)
 * @param indicators indicators answered for now
 * @param changes    changes applied since that build
 * @param stats      the index's own figures (keys per kind, bytes)
 */
public record IndexState(long generation, Instant builtAt, long indicators, long changes, Map<String, Long> stats) {

    public boolean ready() {
        return generation > 0;
    }
}
