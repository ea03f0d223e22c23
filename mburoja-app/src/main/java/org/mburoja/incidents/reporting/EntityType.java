package org.mburoja.incidents.reporting;

/**
 * Entity types for which Implementing Regulation (EU) 2024/2690 sets entity-specific significance thresholds
 * (Art. 5-14, all implemented in {@link SignificanceAssessor}); every other type of operator is assessed on Art. 23(3) NIS2 and the horizontal
 * criteria of Art. 3 of the Regulation where it falls within its scope.
 */
public enum EntityType {
    DNS_SERVICE_PROVIDER(true),
    TLD_NAME_REGISTRY(true),
    CLOUD_COMPUTING_SERVICE_PROVIDER(true),
    DATA_CENTRE_SERVICE_PROVIDER(true),
    CONTENT_DELIVERY_NETWORK_PROVIDER(true),
    MANAGED_SERVICE_PROVIDER(true),
    MANAGED_SECURITY_SERVICE_PROVIDER(true),
    ONLINE_MARKETPLACE(true),
    ONLINE_SEARCH_ENGINE(true),
    SOCIAL_NETWORKING_PLATFORM(true),
    TRUST_SERVICE_PROVIDER(true),
    /** Any other operator (energy, transport, health, ...): Art. 23(3) NIS2 only. */
    OTHER(false);

    private final boolean underRegulation2024_2690;

    EntityType(boolean underRegulation2024_2690) {
        this.underRegulation2024_2690 = underRegulation2024_2690;
    }

    /** Whether Implementing Regulation (EU) 2024/2690 (Art. 1) covers this type. */
    public boolean underRegulation2024_2690() {
        return underRegulation2024_2690;
    }
}
