package org.mburoja.operators;

import java.util.List;

/** One page of operators and the total number matching. */
public record OperatorPage(List<Operator> items, int page, int size, long total) {

    public int pages() {
        return (int) ((total + size - 1) / size);
    }
}
