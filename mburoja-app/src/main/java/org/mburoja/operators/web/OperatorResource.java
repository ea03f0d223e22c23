package org.mburoja.operators.web;

import java.time.Instant;
import java.util.List;
import org.mburoja.operators.Contacts;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.Operator;
import org.mburoja.operators.internal.DomainName;

/**
 * An operator record as the API returns it: the stored record plus the Unicode form of its domains and the
 * Albanian designation of its class ({@code CRITICAL} / {@code IMPORTANT} information infrastructure).
 */
record OperatorResource(String id, String name, String nipt, String address, String sector, String subSector,
                        EntityClass entityClass, String albanianDesignation, Contacts contacts,
                        List<String> serviceStates, List<String> ipRanges, List<String> domains,
                        List<String> domainsUnicode, List<Long> asns, Instant createdAt, Instant updatedAt) {

    static OperatorResource of(Operator o) {
        return new OperatorResource(o.id().toString(), o.name(), o.nipt(), o.address(), o.sector(), o.subSector(),
                o.entityClass(), o.entityClass() == EntityClass.ESSENTIAL ? "CRITICAL_INFORMATION_INFRASTRUCTURE"
                : "IMPORTANT_INFORMATION_INFRASTRUCTURE", o.contacts(), o.serviceStates(), o.ipRanges(),
                o.domains(), o.domains().stream().map(DomainName::toUnicode).toList(), o.asns(), o.createdAt(),
                o.updatedAt());
    }
}
