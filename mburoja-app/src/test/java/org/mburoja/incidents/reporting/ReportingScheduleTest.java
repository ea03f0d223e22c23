package org.mburoja.incidents.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.mburoja.incidents.reporting.StageDeadline.State;

class ReportingScheduleTest {

    static final ZoneId TIRANE = ZoneId.of("Europe/Tirane");
    final ReportingSchedule schedule = new ReportingSchedule(ReportingPolicy.nis2());

    static Instant tirane(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TIRANE).toInstant();
    }

    static String local(Instant t) {
        return t.atZone(TIRANE).toOffsetDateTime().toString();
    }

    Instant due(ReportFacts f, ReportingStage s) {
        return schedule.deadline(f, s).orElseThrow().dueAt();
    }

    @Test
    void earlyWarningIs24ElapsedHoursAcrossTheMarchSpringForward() {
        // 2026-03-29 02:00 CET -> 03:00 CEST in Tirane: 24 real hours end at 02:30 wall time the next day
        ReportFacts f = ReportFacts.awareAt(tirane("2026-03-29T01:30"), false);
        assertThat(local(due(f, ReportingStage.EARLY_WARNING))).isEqualTo("2026-03-30T02:30+02:00");
        assertThat(Duration.between(f.awareAt(), due(f, ReportingStage.EARLY_WARNING))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void notificationIs72ElapsedHoursAcrossTheOctoberFallBack() {
        // 2026-10-25 03:00 CEST -> 02:00 CET: 72 real hours end one wall-clock hour "earlier"
        ReportFacts f = ReportFacts.awareAt(tirane("2026-10-24T12:00"), false);
        assertThat(local(due(f, ReportingStage.NOTIFICATION))).isEqualTo("2026-10-27T11:00+01:00");
        assertThat(Duration.between(f.awareAt(), due(f, ReportingStage.NOTIFICATION))).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void trustServiceProvidersNotifyWithin24Hours() {
        ReportFacts f = ReportFacts.awareAt(tirane("2026-06-01T08:00"), true);
        assertThat(local(due(f, ReportingStage.NOTIFICATION))).isEqualTo("2026-06-02T08:00+02:00");
        assertThat(schedule.deadline(f, ReportingStage.NOTIFICATION).orElseThrow().basis()).contains("trust service provider");
    }

    @Test
    void finalReportIsOneCalendarMonthAfterTheNotificationAcrossTheOctoberChange() {
        Instant notified = tirane("2026-10-10T10:00");
        ReportFacts f = ReportFacts.awareAt(tirane("2026-10-09T09:00"), false).submitted(ReportingStage.NOTIFICATION, notified);
        Instant finalDue = due(f, ReportingStage.FINAL);
        assertThat(local(finalDue)).isEqualTo("2026-11-10T10:00+01:00");
        assertThat(Duration.between(notified, finalDue)).isEqualTo(Duration.ofHours(31 * 24 + 1));
        assertThat(schedule.deadline(f, ReportingStage.FINAL).orElseThrow().provisional()).isFalse();
    }

    @Test
    void finalReportAcrossTheMarchChangeIsOneHourShorter() {
        Instant notified = tirane("2026-03-15T09:00");
        ReportFacts f = ReportFacts.awareAt(tirane("2026-03-14T09:00"), false).submitted(ReportingStage.NOTIFICATION, notified);
        assertThat(local(due(f, ReportingStage.FINAL))).isEqualTo("2026-04-15T09:00+02:00");
        assertThat(Duration.between(notified, due(f, ReportingStage.FINAL))).isEqualTo(Duration.ofHours(31 * 24 - 1));
    }

    @Test
    void finalReportIsProvisionalUntilTheNotificationArrivesThenMoves() {
        ReportFacts f = ReportFacts.awareAt(tirane("2026-05-04T10:00"), false);
        StageDeadline before = schedule.deadline(f, ReportingStage.FINAL).orElseThrow();
        assertThat(before.provisional()).isTrue();
        assertThat(local(before.dueAt())).isEqualTo("2026-06-07T10:00+02:00");
        ReportFacts after = f.submitted(ReportingStage.NOTIFICATION, tirane("2026-05-05T16:30"));
        assertThat(local(due(after, ReportingStage.FINAL))).isEqualTo("2026-06-05T16:30+02:00");
    }

    @Test
    void monthEndClampsToTheLastDayOfTheNextMonth() {
        ReportFacts f = ReportFacts.awareAt(tirane("2026-01-30T10:00"), false)
                .submitted(ReportingStage.NOTIFICATION, tirane("2026-01-31T23:30"));
        assertThat(local(due(f, ReportingStage.FINAL))).isEqualTo("2026-02-28T23:30+01:00");
    }

    @Test
    void lateAwarenessMakesTheEarlyWarningOverdueAtOnceButNotTheNotification() {
        Instant now = tirane("2026-11-23T12:00");
        ReportFacts f = ReportFacts.awareAt(now.minus(Duration.ofHours(30)), false);
        assertThat(schedule.deadline(f, ReportingStage.EARLY_WARNING).orElseThrow().state(now)).isEqualTo(State.OVERDUE);
        assertThat(schedule.deadline(f, ReportingStage.NOTIFICATION).orElseThrow().state(now)).isEqualTo(State.OPEN);
        assertThat(schedule.next(f).orElseThrow().stage()).isEqualTo(ReportingStage.EARLY_WARNING);
    }

    @Test
    void earlyWarningSubmittedAfterItsDeadlineIsLateNotMet() {
        Instant aware = tirane("2026-07-01T00:00");
        ReportFacts f = ReportFacts.awareAt(aware, false).submitted(ReportingStage.EARLY_WARNING, aware.plus(Duration.ofHours(25)));
        assertThat(schedule.deadline(f, ReportingStage.EARLY_WARNING).orElseThrow().state(aware.plus(Duration.ofDays(9))))
                .isEqualTo(State.LATE);
        ReportFacts onTime = ReportFacts.awareAt(aware, false).submitted(ReportingStage.EARLY_WARNING, aware.plus(Duration.ofHours(24)));
        assertThat(schedule.deadline(onTime, ReportingStage.EARLY_WARNING).orElseThrow().state(aware)).isEqualTo(State.MET);
    }

    @Test
    void progressReportTakesTheFinalDateAndTheFinalMovesToAMonthAfterHandlingEnds() {
        Instant notified = tirane("2026-09-01T10:00");
        ReportFacts f = ReportFacts.awareAt(tirane("2026-08-31T10:00"), false)
                .submitted(ReportingStage.NOTIFICATION, notified)
                .submitted(ReportingStage.PROGRESS, tirane("2026-09-30T18:00"));
        assertThat(local(due(f, ReportingStage.PROGRESS))).isEqualTo("2026-10-01T10:00+02:00");
        StageDeadline fin = schedule.deadline(f, ReportingStage.FINAL).orElseThrow();
        assertThat(fin.dueAt()).isNull();
        assertThat(fin.state(tirane("2026-12-01T00:00"))).isEqualTo(State.AWAITING);

        ReportFacts ended = f.handlingEnded(tirane("2026-10-20T09:15"));
        assertThat(local(due(ended, ReportingStage.FINAL))).isEqualTo("2026-11-20T09:15+01:00");
    }

    @Test
    void extensionAcrossTheAutumnOverlapKeepsTheSummerOffset() {
        // 02:30 on 2026-10-25 happens twice in Tirane; a month after 2026-09-25 02:30 CEST is the first one
        ReportFacts f = ReportFacts.awareAt(tirane("2026-08-01T10:00"), false)
                .submitted(ReportingStage.NOTIFICATION, tirane("2026-08-02T10:00"))
                .submitted(ReportingStage.PROGRESS, tirane("2026-09-01T10:00"))
                .handlingEnded(tirane("2026-09-25T02:30"));
        assertThat(local(due(f, ReportingStage.FINAL))).isEqualTo("2026-10-25T02:30+02:00");
    }

    @Test
    void intermediateReportExistsOnlyWhenRequestedWithTheRequestedDate() {
        ReportFacts f = ReportFacts.awareAt(tirane("2026-04-01T10:00"), false);
        assertThat(schedule.deadline(f, ReportingStage.INTERMEDIATE)).isEmpty();
        Instant requested = tirane("2026-04-10T17:00");
        assertThat(due(f.intermediateRequested(requested), ReportingStage.INTERMEDIATE)).isEqualTo(requested);
    }

    @Test
    void csirtInitialFeedbackIsDue24HoursAfterTheEarlyWarningIsReceived() {
        ReportFacts f = ReportFacts.awareAt(tirane("2026-03-28T20:00"), false);
        assertThat(schedule.deadline(f, ReportingStage.INITIAL_FEEDBACK)).isEmpty();
        ReportFacts ew = f.submitted(ReportingStage.EARLY_WARNING, tirane("2026-03-29T01:00"));
        assertThat(local(due(ew, ReportingStage.INITIAL_FEEDBACK))).isEqualTo("2026-03-30T02:00+02:00");
        assertThat(ReportingStage.INITIAL_FEEDBACK.authorityDuty()).isTrue();
    }

    @Test
    void correctionsDoNotMoveAClockOnlyTheFirstSubmissionCounts() {
        Instant aware = tirane("2026-02-01T10:00");
        ReportFacts f = ReportFacts.awareAt(aware, false)
                .submitted(ReportingStage.NOTIFICATION, aware.plus(Duration.ofHours(10)))
                .submitted(ReportingStage.NOTIFICATION, aware.plus(Duration.ofHours(100)));
        assertThat(f.submittedAt(ReportingStage.NOTIFICATION)).isEqualTo(aware.plus(Duration.ofHours(10)));
    }

    @Test
    void deadlinesAreComputedInThePolicyZoneNotTheJvmZone() {
        Instant notified = ZonedDateTime.parse("2026-01-31T23:30+01:00[Europe/Tirane]").toInstant();
        ReportFacts f = ReportFacts.awareAt(notified.minus(Duration.ofHours(5)), false).submitted(ReportingStage.NOTIFICATION, notified);
        // in UTC the notification is on 31 January 22:30 as well, but in a zone east of UTC+1 it would be 1 February
        assertThat(due(f, ReportingStage.FINAL)).isEqualTo(Instant.parse("2026-02-28T22:30:00Z"));
    }
}
