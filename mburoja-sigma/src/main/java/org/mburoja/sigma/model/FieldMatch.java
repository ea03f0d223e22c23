package org.mburoja.sigma.model;

import java.util.List;

/**
 * One {@code field|modifier|...: value(s)} entry of a selection, or a keyword list when {@code field} is null.
 *
 * @param path  where it sits in the rule, e.g. {@code detection.selection.CommandLine|contains}, for errors
 */
public record FieldMatch(String field, List<Modifier> modifiers, List<SigmaValue> values, String path, int line) {

    public boolean has(Modifier m) {
        return modifiers.contains(m);
    }
}
