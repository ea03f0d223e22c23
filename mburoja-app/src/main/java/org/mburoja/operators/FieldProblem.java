package org.mburoja.operators;

/** What is wrong with one field of a write, by the field's API name ({@code domains[1]}, {@code nipt}). */
public record FieldProblem(String field, String message) {
}
