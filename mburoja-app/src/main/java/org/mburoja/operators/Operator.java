package org.mburoja.operators;

import java.time.Instant;
import java.util.List;
import org.mburoja.kernel.OrganisationId;

/**
 * One operator's registry record: what NIS2 Art. 3(4) asks a registry to hold. Its id is the id of its organisation
 * (kind {@code OPERATOR}), so users, incidents and alerts of that organisation point at it.
 *
 * @param nipt          Albanian tax number (legal identifier), upper case, check letter verified
 * @param subSector     sub-sector code, or {@code null} for sectors without sub-sectors
 * @param serviceStates ISO 3166-1 alpha-2 codes of the states where it provides services
 * @param ipRanges      CIDR blocks in canonical text, IPv4 before IPv6, in address order
 * @param domains       registered domains in ASCII (punycode for IDN); each covers its subdomains
 * @param asns          AS numbers, ascending
 */
public record Operator(OrganisationId id, String name, String nipt, String address, String sector, String subSector,
                       EntityClass entityClass, Contacts contacts, List<String> serviceStates, List<String> ipRanges,
                       List<String> domains, List<Long> asns, Instant createdAt, Instant updatedAt) {

    public Operator {
        serviceStates = List.copyOf(serviceStates);
        ipRanges = List.copyOf(ipRanges);
        domains = List.copyOf(domains);
        asns = List.copyOf(asns);
    }
}
