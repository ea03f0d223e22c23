package org.mburoja.sigma.internal.compile;

/** A compiled piece of a detection and what it needs to be present in an event (may be null). */
public record Compiled(Check check, Requirement requirement) {
}
