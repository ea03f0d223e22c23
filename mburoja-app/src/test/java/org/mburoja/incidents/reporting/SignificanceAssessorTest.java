package org.mburoja.incidents.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class SignificanceAssessorTest {

    final SignificanceAssessor assessor = new SignificanceAssessor();

    /**
     * Each row of {@code significance-cases.csv}: a case name, the entity type, the answers as {@code key=value}
     * pairs separated by {@code ;}, and the expected legal references met ({@code |}-separated; empty = not
     * significant).
     */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "significance-cases.csv", numLinesToSkip = 1, delimiter = ',')
    void assessesTheCaseAsExpected(String name, EntityType type, String answers, String expected) {
        SignificanceAssessment result = assessor.assess(answers(type, answers == null ? "" : answers));
        List<String> expectedRefs = expected == null ? List.of() : Arrays.asList(expected.split("\\|"));
        assertThat(result.met()).extracting(SignificanceAssessment.Criterion::reference)
                .as(name).containsExactlyInAnyOrderElementsOf(expectedRefs);
        assertThat(result.significant()).isEqualTo(!expectedRefs.isEmpty());
    }

    @Test
    void lossThresholdIsTheLowerOfHalfAMillionAndFivePercentOfTurnover() {
        assertThat(SignificanceAssessor.lossThreshold(new BigDecimal("2000000"))).isEqualByComparingTo("100000");
        assertThat(SignificanceAssessor.lossThreshold(new BigDecimal("50000000"))).isEqualByComparingTo("500000");
        assertThat(SignificanceAssessor.lossThreshold(null)).isEqualByComparingTo("500000");
    }

    @Test
    void reasonsSayWhatWasExceeded() {
        SignificanceAssessment r = assessor.assess(answers(EntityType.CLOUD_COMPUTING_SERVICE_PROVIDER,
                "financialLossEur=120000;annualTurnoverEur=2000000"));
        assertThat(r.met()).singleElement().satisfies(c -> assertThat(c.reason())
                .isEqualTo("direct financial loss of EUR 120000 exceeds EUR 100000 (EUR 500,000 or 5 % of turnover, whichever is lower)"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(EntityType.class)
    void everyEntityTypeIsAssessedWithoutAskingForAManualReview(EntityType type) {
        SignificanceAssessment r = assessor.assess(SignificanceAnswers.none(type));
        assertThat(r.significant()).isFalse();
        assertThat(r.notes()).isEmpty();
    }

    @Test
    void userThresholdReasonsNameTheFiguresCompared() {
        SignificanceAssessment r = assessor.assess(answers(EntityType.ONLINE_SEARCH_ENGINE,
                "degradedMinutes=5;affectedUsers=60000;totalUsers=1000000"));
        assertThat(r.met()).singleElement().satisfies(c -> assertThat(c.reason()).endsWith("60000 of 1000000 users"));
    }

    static SignificanceAnswers answers(EntityType type, String spec) {
        Map<String, String> m = new HashMap<>();
        for (String kv : spec.split(";")) {
            if (!kv.isBlank()) {
                String[] p = kv.split("=", 2);
                m.put(p[0].trim(), p[1].trim());
            }
        }
        return new SignificanceAnswers(type, bool(m, "severeOperationalDisruption"), dec(m, "financialLossEur"),
                dec(m, "annualTurnoverEur"), bool(m, "considerableDamageToOthers"), bool(m, "tradeSecretsExfiltrated"),
                bool(m, "deathCaused"), bool(m, "considerableHealthDamage"), bool(m, "maliciousUnauthorisedAccess"),
                Integer.parseInt(m.getOrDefault("recurrences", "0")), dec(m, "recurrencesLossEur"),
                bool(m, "scheduledMaintenance"), integer(m, "unavailableMinutes"), integer(m, "degradedMinutes"),
                lng(m, "affectedUsers"), lng(m, "totalUsers"), bool(m, "dataCompromised"), bool(m, "malicious"),
                lng(m, "affectedDomains"), lng(m, "managedDomains"), bool(m, "misconfiguration"),
                bool(m, "physicalAccessCompromised"), integer(m, "weeklyUnavailableMinutes"));
    }

    private static boolean bool(Map<String, String> m, String k) {
        return Boolean.parseBoolean(m.get(k));
    }

    private static BigDecimal dec(Map<String, String> m, String k) {
        return m.containsKey(k) ? new BigDecimal(m.get(k)) : null;
    }

    private static Integer integer(Map<String, String> m, String k) {
        return m.containsKey(k) ? Integer.valueOf(m.get(k)) : null;
    }

    private static Long lng(Map<String, String> m, String k) {
        return m.containsKey(k) ? Long.valueOf(m.get(k)) : null;
    }
}
