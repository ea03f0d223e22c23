package org.mburoja.stix;

import java.util.Optional;
import org.mburoja.stix.StixValidator.Findings;
import org.mburoja.stix.marking.Tlp;
import tools.jackson.databind.JsonNode;

/**
 * Rules of marking definitions (specification 7.2): definition_type with definition, or an extension; TLP markings
 * only under their fixed ids.
 */
final class MarkingRules {

    private MarkingRules() {
    }

    static void check(JsonNode o, String id, Findings f) {
        JsonNode type = o.get("definition_type");
        if (type == null) {
            if (!o.has("extensions")) {
                f.error(id, "definition_type", "a marking definition needs definition_type and definition, "
                        + "or an extension");
            }
            JsonNode tlp2 = o.path("extensions").path(Tlp.EXTENSION_ID);
            if (tlp2.isObject()) {
                Optional<Tlp> level = Tlp.ofLabel(tlp2.path("tlp_2_0").asString(""));
                if (level.isEmpty() || level.get() == Tlp.CLEAR && tlp2.path("tlp_2_0").asString("").equals("white")) {
                    f.error(id, "extensions." + Tlp.EXTENSION_ID + ".tlp_2_0",
                            "must be one of clear, green, amber, amber+strict, red");
                } else if (!level.get().markingId().equals(o.path("id").asString(""))) {
                    f.error(id, "id", level.get().label() + " must use the id " + level.get().markingId());
                }
            }
            return;
        }
        JsonNode def = o.get("definition");
        if (def == null || !def.isObject()) {
            f.error(id, "definition", "required object when definition_type is present");
            return;
        }
        switch (type.asString("")) {
            case "tlp" -> {
                String level = def.path("tlp").asString("");
                Optional<Tlp> tlp = switch (level) {
                    case "white", "green", "amber", "red" -> Tlp.ofLabel(level);
                    default -> Optional.empty();
                };
                if (tlp.isEmpty()) {
                    f.error(id, "definition.tlp", "must be white, green, amber or red");
                } else if (!tlp.get().tlp1MarkingId().orElse("").equals(o.path("id").asString(""))) {
                    f.error(id, "id", "TLP:" + level.toUpperCase(java.util.Locale.ROOT) + " must use the id "
                            + tlp.get().tlp1MarkingId().orElse(""));
                }
            }
            case "statement" -> {
                if (!def.path("statement").isString()) {
                    f.error(id, "definition.statement", "a statement marking needs a statement string");
                }
            }
            default -> f.warning(id, "definition_type", "'" + StixValidator.abbreviate(type.asString(""))
                    + "' is not a STIX 2.1 definition type (tlp, statement)");
        }
    }
}
