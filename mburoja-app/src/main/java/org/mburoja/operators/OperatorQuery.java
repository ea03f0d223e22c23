package org.mburoja.operators;

/**
 * A page of the registry: free text (part of the name, or the NIPT), sector and entity class filters; null parts
 * do not filter. Pages count from 0; the size is capped at {@link #MAX_SIZE}.
 */
public record OperatorQuery(String text, String sector, EntityClass entityClass, int page, int size) {

    public static final int MAX_SIZE = 100;

    public OperatorQuery {
        page = Math.max(0, page);
        size = size <= 0 ? 20 : Math.min(size, MAX_SIZE);
        text = text == null || text.isBlank() ? null : text.strip();
        sector = sector == null || sector.isBlank() ? null : sector.strip();
    }

    public static OperatorQuery all() {
        return new OperatorQuery(null, null, null, 0, MAX_SIZE);
    }
}
