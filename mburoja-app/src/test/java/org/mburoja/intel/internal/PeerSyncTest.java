package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.marking.Tlp;

class PeerSyncTest {

    static final Set<Tlp> CLEAR_GREEN_AMBER = EnumSet.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER);

    private static StixObject marked(String markingRefs) {
        return StixObject.parse("""
                {"type": "indicator", "spec_version": "2.1", "id": "indicator--0b6c0e3a-6f0e-4e2b-9a7e-1d2c3b4a5f60",
                 "created": "2026-11-22T10:00:00.000Z", "modified": "2026-11-22T10:00:00.000Z",
                 "pattern": "[ipv4-addr:value = '198.51.100.7']", "pattern_type": "stix",
                 "valid_from": "2026-11-22T10:00:00Z", "object_marking_refs": [%s]}""".formatted(markingRefs));
    }

    @ParameterizedTest(name = "{0} admissible: {1}")
    @CsvSource({
            "CLEAR, true", "GREEN, true", "AMBER, true", "AMBER_STRICT, false", "RED, false"})
    void admitsOnlyTheLevelsConfiguredForThePeer(Tlp level, boolean admitted) {
        assertThat(PeerSync.admissible(marked("\"" + level.markingId() + "\""), CLEAR_GREEN_AMBER))
                .isEqualTo(admitted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "unmarked counts as AMBER; ''; true",
            "most restrictive of two markings wins; '\"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487\", "
                    + "\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\"'; false",
            "TLP 1.0 white maps to CLEAR; '\"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9\"'; true"})
    void decidesMixedAndLegacyMarkings(String why, String refs, boolean admitted) {
        assertThat(PeerSync.admissible(marked(refs), CLEAR_GREEN_AMBER)).as(why).isEqualTo(admitted);
        assertThat(PeerSync.admissible(marked(refs), EnumSet.of(Tlp.CLEAR)))
                .as("a CLEAR-only peer").isEqualTo(admitted && !refs.isEmpty());
    }
}
