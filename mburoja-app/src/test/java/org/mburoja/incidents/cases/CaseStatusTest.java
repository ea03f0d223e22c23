package org.mburoja.incidents.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mburoja.incidents.cases.CaseStatus.ClosureReason;
import org.mburoja.incidents.cases.CaseStatus.IllegalCaseTransitionException;

class CaseStatusTest {

    @Test
    void forwardStepsNeedNoReason() {
        assertThatCode(() -> CaseStatus.NEW.checkTransition(CaseStatus.TRIAGE, null, null)).doesNotThrowAnyException();
        assertThatCode(() -> CaseStatus.CONTAINED.checkTransition(CaseStatus.ERADICATED, null, "")).doesNotThrowAnyException();
    }

    @Test
    void goingBackNeedsAReason() {
        assertThatThrownBy(() -> CaseStatus.RECOVERED.checkTransition(CaseStatus.IN_PROGRESS, null, " "))
                .isInstanceOf(IllegalCaseTransitionException.class).hasMessageContaining("needs a reason");
        assertThatCode(() -> CaseStatus.RECOVERED.checkTransition(CaseStatus.IN_PROGRESS, null, "re-infected"))
                .doesNotThrowAnyException();
    }

    @Test
    void closingNeedsAClosureReasonAndReopeningAReason() {
        assertThatThrownBy(() -> CaseStatus.TRIAGE.checkTransition(CaseStatus.CLOSED, null, null))
                .hasMessageContaining("closure reason");
        assertThatCode(() -> CaseStatus.TRIAGE.checkTransition(CaseStatus.CLOSED, ClosureReason.FALSE_POSITIVE, null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> CaseStatus.CLOSED.checkTransition(CaseStatus.IN_PROGRESS, null, null))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void refusesSkippingFromNewToRecoveredAndNamesTheAllowedSteps() {
        assertThatThrownBy(() -> CaseStatus.NEW.checkTransition(CaseStatus.RECOVERED, null, "x"))
                .hasMessageContaining("cannot go from NEW to RECOVERED").hasMessageContaining("TRIAGE");
    }

    @Test
    void closureReasonOnlyWhenClosing() {
        assertThatThrownBy(() -> CaseStatus.NEW.checkTransition(CaseStatus.TRIAGE, ClosureReason.RESOLVED, null))
                .hasMessageContaining("only given when closing");
    }

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void everyStatusCanEventuallyBeClosedAndNoneLoopsToItself(CaseStatus s) {
        assertThat(s.next()).doesNotContain(s);
        assertThat(s == CaseStatus.CLOSED || s.next().contains(CaseStatus.CLOSED)).isTrue();
        assertThatThrownBy(() -> s.checkTransition(s, null, "r")).hasMessageContaining("already");
    }
}
