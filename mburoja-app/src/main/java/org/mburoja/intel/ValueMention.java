package org.mburoja.intel;

/**
 * A stored object that mentions a value: the literal of an indicator's pattern, an observable's value or one of its
 * hashes, equal (case-insensitively) to {@code value}.
 */
public record ValueMention(String value, StoredObject object) {
}
