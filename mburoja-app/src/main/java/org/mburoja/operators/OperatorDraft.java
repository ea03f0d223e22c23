package org.mburoja.operators;

import java.util.List;

/**
 * An operator record as a person or a CSV row wrote it, before validation: every field is text, as typed.
 * {@link OperatorRegistry#create} and {@link OperatorRegistry#update} validate and normalise it, and report every
 * problem with the name of the field it belongs to ({@code ipRanges[2]} for the third range).
 */
public record OperatorDraft(String name, String nipt, String address, String sector, String subSector,
                            String entityClass, String securityEmail, String securityPhone, String emergencyName,
                            String emergencyPhone, List<String> serviceStates, List<String> ipRanges,
                            List<String> domains, List<String> asns) {

    public OperatorDraft {
        serviceStates = serviceStates == null ? List.of() : serviceStates.stream().map(s -> s == null ? "" : s).toList();
        ipRanges = ipRanges == null ? List.of() : ipRanges.stream().map(s -> s == null ? "" : s).toList();
        domains = domains == null ? List.of() : domains.stream().map(s -> s == null ? "" : s).toList();
        asns = asns == null ? List.of() : asns.stream().map(s -> s == null ? "" : s).toList();
    }

    /** The draft that reproduces a stored record (the starting point of an edit form). */
    public static OperatorDraft of(Operator o) {
        Contacts c = o.contacts();
        return new OperatorDraft(o.name(), o.nipt(), o.address(), o.sector(), o.subSector(), o.entityClass().name(),
                c.securityEmail(), c.securityPhone(), c.emergencyName(), c.emergencyPhone(), o.serviceStates(),
                o.ipRanges(), o.domains(), o.asns().stream().map(a -> "AS" + a).toList());
    }
}
