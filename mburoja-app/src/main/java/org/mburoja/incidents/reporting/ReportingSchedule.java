package org.mburoja.incidents.reporting;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes a report's deadlines from its facts under a {@link ReportingPolicy}. Pure and cheap (a handful of
 * {@code java.time} operations), so it is recomputed on every read and every submission instead of being kept in
 * step by hand.
 *
 * <p>Rules (NIS2 Art. 23(4)-(5)): early warning and notification count from awareness; the intermediate report
 * exists only when the authority asks, with the due date it sets; the final report counts from the notification's
 * submission (provisionally from its deadline while it is missing); once a progress report has been filed, the
 * progress report is due at the original final-report date and the final report one period after handling ends;
 * the CSIRT's initial feedback counts from the receipt of the early warning.
 */
public final class ReportingSchedule {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private final ReportingPolicy policy;

    public ReportingSchedule(ReportingPolicy policy) {
        this.policy = policy;
    }

    public ReportingPolicy policy() {
        return policy;
    }

    public List<StageDeadline> deadlines(ReportFacts f) {
        ZoneId zone = policy.zone();
        List<StageDeadline> out = new ArrayList<>();
        Instant aware = f.awareAt();
        out.add(new StageDeadline(ReportingStage.EARLY_WARNING, policy.earlyWarning().after(aware, zone), false,
                policy.earlyWarning() + " from awareness at " + local(aware), f.submittedAt(ReportingStage.EARLY_WARNING)));

        ReportingPeriod nPeriod = f.trustServiceProvider() ? policy.notificationTrustServiceProvider() : policy.notification();
        Instant notificationDue = nPeriod.after(aware, zone);
        out.add(new StageDeadline(ReportingStage.NOTIFICATION, notificationDue, false,
                nPeriod + " from awareness at " + local(aware) + (f.trustServiceProvider() ? " (trust service provider)" : ""),
                f.submittedAt(ReportingStage.NOTIFICATION)));

        if (f.intermediateDueAt() != null) {
            out.add(new StageDeadline(ReportingStage.INTERMEDIATE, f.intermediateDueAt(), false,
                    "requested by the authority", f.submittedAt(ReportingStage.INTERMEDIATE)));
        }

        Instant notified = f.submittedAt(ReportingStage.NOTIFICATION);
        boolean provisional = notified == null;
        Instant finalBase = provisional ? notificationDue : notified;
        Instant originalFinal = policy.finalReport().after(finalBase, zone);
        String finalBasis = policy.finalReport() + " from " + (provisional ? "the notification deadline " : "the notification submitted at ")
                + local(finalBase) + (provisional ? " (moves when the notification is submitted)" : "");
        if (f.submittedAt(ReportingStage.PROGRESS) != null) {
            out.add(new StageDeadline(ReportingStage.PROGRESS, originalFinal, provisional,
                    "the final-report date while the incident is ongoing; " + finalBasis, f.submittedAt(ReportingStage.PROGRESS)));
            Instant ended = f.handlingEndedAt();
            out.add(new StageDeadline(ReportingStage.FINAL,
                    ended == null ? null : policy.finalAfterHandling().after(ended, zone), false,
                    ended == null ? "due " + policy.finalAfterHandling() + " after handling ends (not yet ended)"
                            : policy.finalAfterHandling() + " from the end of handling at " + local(ended),
                    f.submittedAt(ReportingStage.FINAL)));
        } else {
            out.add(new StageDeadline(ReportingStage.FINAL, originalFinal, provisional, finalBasis,
                    f.submittedAt(ReportingStage.FINAL)));
        }

        Instant ew = f.submittedAt(ReportingStage.EARLY_WARNING);
        if (ew != null) {
            out.add(new StageDeadline(ReportingStage.INITIAL_FEEDBACK, policy.initialFeedback().after(ew, zone), false,
                    policy.initialFeedback() + " from receipt of the early warning at " + local(ew),
                    f.submittedAt(ReportingStage.INITIAL_FEEDBACK)));
        }
        return List.copyOf(out);
    }

    public Optional<StageDeadline> deadline(ReportFacts f, ReportingStage stage) {
        return deadlines(f).stream().filter(d -> d.stage() == stage).findFirst();
    }

    /** The earliest unsubmitted deadline: what the queue sorts by. */
    public Optional<StageDeadline> next(ReportFacts f) {
        return deadlines(f).stream().filter(d -> d.submittedAt() == null && d.dueAt() != null)
                .min(java.util.Comparator.comparing(StageDeadline::dueAt));
    }

    private String local(Instant t) {
        return LOCAL.format(t.atZone(policy.zone())) + " " + policy.zone().getId();
    }
}
