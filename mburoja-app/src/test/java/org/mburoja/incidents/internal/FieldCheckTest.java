package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mburoja.incidents.reporting.ReportingStage;

class FieldCheckTest {

    @Test
    void collectsEveryProblemBeforeFailing() {
        FieldCheck c = new FieldCheck();
        c.text("title", "x".repeat(301), 300, true);
        c.text("summary", "bell\u0007", 100, true);
        c.email("contactEmail", "a@b", false);
        c.oneOf("severity", "<script>" + "y".repeat(100), SubmissionContent.Severity.class, true);
        assertThatThrownBy(c::throwIfAny).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fields()).extracting(InvalidInputException.FieldError::field)
                        .containsExactly("title", "summary", "contactEmail", "severity"))
                .satisfies(e -> assertThat(((InvalidInputException) e).fields().get(3).message()).hasSizeLessThan(150));
    }

    @Test
    void oversizedAndMistypedSubmissionContentIsRefused() {
        FieldCheck c = new FieldCheck();
        SubmissionContent.check(ReportingStage.NOTIFICATION, Map.of("summary", "s".repeat(20_001), "severity", 3,
                "impact", "i", "indicators", java.util.Collections.nCopies(1001, "1.2.3.4")), c);
        assertThatThrownBy(c::throwIfAny).satisfies(e -> assertThat(((InvalidInputException) e).fields())
                .extracting(InvalidInputException.FieldError::field)
                .containsExactlyInAnyOrder("content.summary", "content.severity", "content.indicators"));
    }

    @Test
    void finalReportNeedsEveryArticle23Element() {
        FieldCheck c = new FieldCheck();
        SubmissionContent.check(ReportingStage.FINAL, Map.of(), c);
        assertThatThrownBy(c::throwIfAny).satisfies(e -> assertThat(((InvalidInputException) e).fields())
                .extracting(InvalidInputException.FieldError::field)
                .containsExactlyInAnyOrder("content.description", "content.severity", "content.impact",
                        "content.rootCause", "content.mitigation", "content.crossBorder"));
    }
}
