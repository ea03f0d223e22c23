package org.mburoja.leaks.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mburoja.leak.EntityType;
import org.mburoja.leak.ReportJson;
import org.mburoja.leak.RiskAssessment;
import org.mburoja.leak.ScanReport;

/** What the results page reads back from a stored report: the risk reasons with their codes, or without them. */
class ScanResultsTest {

    @Test
    void readsEachReasonWithItsCodeAndFiguresFromTheEngineReport() {
        Map<EntityType, Long> found = new EnumMap<>(EntityType.class);
        for (EntityType t : EntityType.values()) {
            found.put(t, 0L);
        }
        found.put(EntityType.NID, 1200L);
        found.put(EntityType.PHONE, 900L);
        found.put(EntityType.CREDENTIAL, 4L);
        found.put(EntityType.SECRET, 2L);
        RiskAssessment risk = RiskAssessment.of(found, 1_100);
        ScanReport report = new ScanReport(1, 10, found, Map.of(), 1100, 1100, List.of(), risk, List.of(), 5);

        LeakPages.ScanResults r = LeakPages.ScanResults.of(ReportJson.write(report));

        assertThat(r.risk()).isEqualTo("high");
        assertThat(r.reasons()).extracting(LeakPages.ScanResults.Reason::code)
                .containsExactly("people_1000", "identity_fraud", "credentials");
        assertThat(r.reasons().get(0).args()).containsExactly(1100L);
        assertThat(r.reasons().get(2).args()).containsExactly(4L, 2L);
        assertThat(r.reasonTexts()).isEqualTo(risk.reasons());
    }

    @Test
    void showsTheEnglishSentenceOfAReportStoredBeforeReasonsHadCodes() {
        String old = """
                {"files": 1, "bytes": 10, "entities": {"nid": 3}, "rejected": {}, "distinct_nids": 2,
                 "distinct_persons": 2, "special_categories": [],
                 "risk": {"level": "medium", "notify_data_subjects": false, "reasons": ["2 people affected"]},
                 "per_file": []}
                """;
        LeakPages.ScanResults r = LeakPages.ScanResults.of(old);
        assertThat(r.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.code()).isEmpty();
            assertThat(reason.text()).isEqualTo("2 people affected");
        });
    }

    @Test
    void ignoresCodesThatAreNotOneForOneOrNotPlainNames() {
        String mismatched = """
                {"risk": {"level": "low", "reasons": ["contact data only", "x"],
                          "reason_codes": [{"code": "contact_only", "figures": []}]}}
                """;
        assertThat(LeakPages.ScanResults.of(mismatched).reasons()).extracting(LeakPages.ScanResults.Reason::code)
                .containsExactly("", "");
        String hostile = """
                {"risk": {"level": "low", "reasons": ["contact data only"],
                          "reason_codes": [{"code": "../admin.password", "figures": ["x", 1e308]}]}}
                """;
        assertThat(LeakPages.ScanResults.of(hostile).reasons()).singleElement()
                .satisfies(reason -> assertThat(reason.code()).isEmpty());
        assertThatThrownBy(() -> LeakPages.ScanResults.of("{\"risk\": ")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not readable JSON");
    }
}
