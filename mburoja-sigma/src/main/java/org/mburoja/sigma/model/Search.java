package org.mburoja.sigma.model;

import java.util.List;

/** A search identifier's body: maps are AND, lists are OR, lists of maps are OR of ANDs. */
public sealed interface Search {

    /** A YAML map: every entry must hold. */
    record AllOf(List<Search> items) implements Search {
    }

    /** A YAML list of maps: one of them must hold. */
    record AnyOf(List<Search> items) implements Search {
    }

    /** One field (or keyword) test. */
    record Field(FieldMatch match) implements Search {
    }
}
