package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mburoja.stix.StixJson;
import org.mburoja.stix.StixObject;
import org.mburoja.stix.StixSchemas;
import org.mburoja.stix.StixValidator;

class SightingsTest {

    static final String INDICATOR = "indicator--00000001-0000-4000-8000-000000000000";
    static final String AL_CERT = "identity--5b0f1b1e-8e5b-4f55-9c63-d0b2d7e4a001";
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void detectionHitBecomesAValidStixSighting() {
        StixObject s = Sightings.of(INDICATOR, AL_CERT, AL_CERT, T0, T0.plusSeconds(60), 3, T0.plusSeconds(61));
        assertThat(new StixValidator().validate(StixJson.read(s.toJson()))).isEmpty();
        assertThat(StixSchemas.errors(StixJson.read(s.toJson()))).isEmpty();
    }

    @Test
    void summaryAddsCountsAndKeepsTheLatestTimeOfThisIndicatorOnly() {
        List<StixObject> all = List.of(
                Sightings.of(INDICATOR, AL_CERT, AL_CERT, T0, T0.plusSeconds(60), 3, T0),
                Sightings.of(INDICATOR, AL_CERT, AL_CERT, T0.plusSeconds(3600), T0.plusSeconds(7200), 2, T0),
                Sightings.of("indicator--00000002-0000-4000-8000-000000000000", AL_CERT, AL_CERT, T0,
                        T0.plusSeconds(99_999), 50, T0));
        SightingSummary s = Sightings.summarise(INDICATOR, all);
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.lastSeen()).contains(T0.plusSeconds(7200));
    }

    @Test
    void refusesImpossibleSightings() {
        assertThatThrownBy(() -> Sightings.of(INDICATOR, AL_CERT, AL_CERT, T0, T0.minusSeconds(1), 1, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
