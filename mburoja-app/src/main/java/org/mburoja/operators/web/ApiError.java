package org.mburoja.operators.web;

import java.util.List;
import org.mburoja.operators.FieldProblem;

/** The body of every 4xx answer of the registry API: what went wrong, and per field where that applies. */
record ApiError(String error, List<FieldProblem> fields) {

    static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
