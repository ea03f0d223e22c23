package org.mburoja.operators.web;

import java.util.Arrays;
import java.util.List;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;
import org.mburoja.operators.internal.DomainName;

/**
 * The create/edit form: every field as typed, list fields as one text each (values separated by line breaks,
 * commas, semicolons or spaces). Domains are shown in Unicode.
 */
record OperatorForm(String name, String nipt, String address, String sector, String subSector, String entityClass,
                    String securityEmail, String securityPhone, String emergencyName, String emergencyPhone,
                    String serviceStates, String ipRanges, String domains, String asns) {

    static OperatorForm empty() {
        return new OperatorForm("", "", "", "", "", "", "", "", "", "", "AL", "", "", "");
    }

    static OperatorForm of(Operator o) {
        return new OperatorForm(o.name(), o.nipt(), o.address(), o.sector(),
                o.subSector() == null ? "" : o.subSector(), o.entityClass().name(), o.contacts().securityEmail(),
                o.contacts().securityPhone(), o.contacts().emergencyName() == null ? "" : o.contacts().emergencyName(),
                o.contacts().emergencyPhone(), String.join(" ", o.serviceStates()), String.join("\n", o.ipRanges()),
                String.join("\n", o.domains().stream().map(DomainName::toUnicode).toList()),
                String.join(" ", o.asns().stream().map(a -> "AS" + a).toList()));
    }

    OperatorDraft toDraft() {
        return new OperatorDraft(name, nipt, address, sector, subSector, entityClass, securityEmail, securityPhone,
                emergencyName, emergencyPhone, split(serviceStates), split(ipRanges), split(domains), split(asns));
    }

    private static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\s,;]+")).filter(s -> !s.isEmpty()).toList();
    }
}
