package org.mburoja.stix.marking;

import java.util.Optional;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published TLP marking-definition objects, and the TLP level of an object.
 *
 * <p>TLP 2.0 definitions are the objects of the OASIS TLP 2.0 extension (fixed ids, {@code created}
 * {@value Tlp#CREATED}, the level in the extension's {@code tlp_2_0} property); TLP 1.0 definitions are the four
 * predefined STIX 2.1 objects ({@code definition_type: tlp}). Emit the 2.0 ones; read both.
 */
public final class TlpMarkings {

    private TlpMarkings() {
    }

    /** The TLP 2.0 marking-definition object for a level. */
    public static StixObject definition(Tlp tlp) {
        ObjectNode o = StixJson.mapper().createObjectNode();
        o.put("type", "marking-definition");
        o.put("spec_version", "2.1");
        o.put("id", tlp.markingId());
        o.put("created", Tlp.CREATED);
        o.put("name", tlp.label());
        ObjectNode ext = o.putObject("extensions").putObject(Tlp.EXTENSION_ID);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", tlp.level());
        return StixObject.of(o);
    }

    /** The STIX 2.1 predefined TLP 1.0 marking-definition object (WHITE, GREEN, AMBER, RED), if the level had one. */
    public static Optional<StixObject> definitionV1(Tlp tlp) {
        return tlp.tlp1MarkingId().map(id -> {
            String level = tlp == Tlp.CLEAR ? "white" : tlp.level();
            ObjectNode o = StixJson.mapper().createObjectNode();
            o.put("type", "marking-definition");
            o.put("spec_version", "2.1");
            o.put("id", id);
            o.put("created", "2017-01-20T00:00:00.000Z");
            o.put("definition_type", "tlp");
            o.put("name", "TLP:" + level.toUpperCase(java.util.Locale.ROOT));
            o.putObject("definition").put("tlp", level);
            return StixObject.of(o);
        });
    }

    /**
     * The most restrictive TLP level among an object's object markings and granular markings; empty when it has no
     * TLP marking at all. Granular markings count for the whole object because the platform shares whole objects:
     * sharing a RED-marked description inside a GREEN object would leak it.
     */
    public static Optional<Tlp> effectiveTlp(StixObject object) {
        Tlp most = null;
        for (String ref : object.objectMarkingRefs()) {
            most = max(most, Tlp.ofMarkingId(ref).orElse(null));
        }
        for (String ref : object.granularMarkingRefs()) {
            most = max(most, Tlp.ofMarkingId(ref).orElse(null));
        }
        return Optional.ofNullable(most);
    }

    private static Tlp max(Tlp a, Tlp b) {
        return a == null ? b : b == null ? a : a.max(b);
    }
}
