package org.mburoja.sigma.model;

/** A rule's {@code logsource}: any of the three may be {@code null}. Values are kept lower-case. */
public record LogSource(String product, String category, String service) {

    /** Whether every part this log source names is also named, with the same value, by {@code other}. */
    public boolean covers(LogSource other) {
        return (product == null || product.equals(other.product))
                && (category == null || category.equals(other.category))
                && (service == null || service.equals(other.service));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (product != null) sb.append("product=").append(product).append(' ');
        if (category != null) sb.append("category=").append(category).append(' ');
        if (service != null) sb.append("service=").append(service).append(' ');
        return sb.toString().trim();
    }
}
