package org.mburoja.stix.marking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixValidator;
import tools.jackson.databind.node.ObjectNode;

class SharingDecisionTest {

    private static final SharingScope SCOPE = SharingScope.of("org-al-cert", Set.of("western-balkans"),
            Set.of("org-xk-kcsirt"));

    static StixObject base() throws IOException {
        try (InputStream in = SharingDecisionTest.class.getResourceAsStream("indicator-base.json")) {
            return StixObject.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static StixObject markedWith(String markingId) throws IOException {
        ObjectNode tree = base().toTree();
        if (!markingId.equals("none")) {
            tree.putArray("object_marking_refs").add(markingId);
        }
        return StixObject.of(tree);
    }

    static Recipient recipient(String kind) {
        return switch (kind) {
            case "owner" -> Recipient.member("org-al-cert", Set.of());
            case "named" -> Recipient.member("org-xk-kcsirt", Set.of());
            case "group" -> Recipient.member("org-me-cirt", Set.of("western-balkans"));
            case "other-group" -> Recipient.member("org-md-cert", Set.of("eastern-partnership"));
            case "community" -> Recipient.member("org-ge-cert", Set.of());
            default -> Recipient.outsider("anonymous");
        };
    }

    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvFileSource(resources = "tlp-matrix.csv")
    void enforcesTlpMatrix(String marking, String recipient, boolean allowed) throws IOException {
        SharingDecision d = SharingDecision.decide(markedWith(marking), recipient(recipient), SCOPE);
        assertThat(d.allowed()).as(d.reason()).isEqualTo(allowed);
        assertThat(d.reason()).startsWith(d.tlp().label());
    }

    @Test
    void granularRedMarkingRestrictsTheWholeObject() throws IOException {
        ObjectNode tree = markedWith(Tlp.GREEN.markingId()).toTree();
        ObjectNode g = tree.putArray("granular_markings").addObject();
        g.put("marking_ref", Tlp.RED.markingId());
        g.putArray("selectors").add("description");
        SharingDecision d = SharingDecision.decide(StixObject.of(tree), recipient("group"), SCOPE);
        assertThat(d.allowed()).isFalse();
        assertThat(d.tlp()).isEqualTo(Tlp.RED);
    }

    @Test
    void mapsTlp1IdsAndLabelsToTlp2() {
        assertThat(Tlp.ofMarkingId("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9")).contains(Tlp.CLEAR);
        assertThat(Tlp.ofMarkingId("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82")).contains(Tlp.AMBER);
        assertThat(Tlp.ofLabel("TLP:AMBER+STRICT")).contains(Tlp.AMBER_STRICT);
        assertThat(Tlp.ofLabel("tlp:white")).contains(Tlp.CLEAR);
        assertThat(Tlp.ofLabel("TLP:PURPLE")).isEmpty();
    }

    @Test
    void emittedMarkingDefinitionsAreValid() {
        for (Tlp t : Tlp.values()) {
            assertThat(new StixValidator().validate(StixJson.read(TlpMarkings.definition(t).toJson()))).isEmpty();
            TlpMarkings.definitionV1(t).ifPresent(d ->
                    assertThat(new StixValidator().validate(StixJson.read(d.toJson()))).isEmpty());
        }
    }
}
