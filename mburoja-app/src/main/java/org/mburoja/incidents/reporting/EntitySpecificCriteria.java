package org.mburoja.incidents.reporting;

import static org.mburoja.incidents.reporting.SignificanceAssessor.manyUsers;
import static org.mburoja.incidents.reporting.SignificanceAssessor.over;
import static org.mburoja.incidents.reporting.SignificanceAssessor.overShareOrCap;

import java.util.List;
import org.mburoja.incidents.reporting.SignificanceAssessment.Criterion;

/**
 * The entity-specific criteria of Art. 9-14 of Implementing Regulation (EU) 2024/2690, kept apart from
 * {@link SignificanceAssessor} so that each article reads as one short method next to its text. Availability criteria
 * are skipped when the outage was scheduled (Art. 3(2)); data-compromise and physical-access criteria are not.
 */
final class EntitySpecificCriteria {

    private EntitySpecificCriteria() {
    }

    /**
     * Art. 9 (content delivery networks) and Art. 10 (managed and managed security services) share their wording:
     * (a) completely unavailable over 30 min; (b) limited availability for over 5 % or over 1,000,000 users in the
     * Union, whichever is smaller, for over one hour; (c) data compromised by a suspectedly malicious action;
     * (d) data compromise affecting over 5 % or over 1,000,000 users, whichever is smaller.
     */
    static void cdnOrManaged(SignificanceAnswers a, boolean outageCounts, List<Criterion> met, String article, String service) {
        String ref = "IR 2024/2690 " + article;
        boolean manyUsers = manyUsers(a.affectedUsers(), a.totalUsers());
        if (outageCounts && over(a.completeUnavailabilityMinutes(), 30)) {
            met.add(new Criterion(ref + "(a)", service + " completely unavailable for over 30 minutes"));
        }
        if (outageCounts && over(a.degradedMinutes(), 60) && manyUsers) {
            met.add(new Criterion(ref + "(b)", service + " availability limited for over 5 % of users or over 1,000,000"
                    + " users (whichever is smaller) for over one hour: " + users(a)));
        }
        compromise(a, met, ref, service);
    }

    /**
     * Art. 11 (online marketplaces), Art. 12 (online search engines), Art. 13 (social networking services platforms):
     * (a) completely unavailable for over 5 % or over 1,000,000 users in the Union, whichever is smaller; (b) over that
     * many users affected by limited availability; no minimum duration in either; (c) and (d) as in Art. 9.
     */
    static void platform(SignificanceAnswers a, boolean outageCounts, List<Criterion> met, String article, String service) {
        String ref = "IR 2024/2690 " + article;
        boolean manyUsers = manyUsers(a.affectedUsers(), a.totalUsers());
        if (outageCounts && over(a.completeUnavailabilityMinutes(), 0) && manyUsers) {
            met.add(new Criterion(ref + "(a)", service + " completely unavailable for over 5 % of users or over"
                    + " 1,000,000 users (whichever is smaller): " + users(a)));
        }
        if (outageCounts && over(a.degradedMinutes(), 0) && manyUsers) {
            met.add(new Criterion(ref + "(b)", "limited availability of the " + service + " affecting over 5 % of users"
                    + " or over 1,000,000 users (whichever is smaller): " + users(a)));
        }
        compromise(a, met, ref, service);
    }

    /**
     * Art. 14 (trust service providers): (a) completely unavailable over 20 min; (b) unavailable to users or relying
     * parties for over one hour calculated on a calendar-week basis; (c) limited availability for over 1 % or over
     * 200,000 users or relying parties in the Union, whichever is smaller; (d) physical access to a restricted area
     * with network and information systems, or its protection, compromised; (e) data compromise affecting over 0.1 %
     * or over 100 users or relying parties in the Union, whichever is smaller.
     */
    static void trustService(SignificanceAnswers a, boolean outageCounts, List<Criterion> met) {
        String ref = "IR 2024/2690 Art. 14";
        if (outageCounts && over(a.completeUnavailabilityMinutes(), 20)) {
            met.add(new Criterion(ref + "(a)", "trust service completely unavailable for over 20 minutes"));
        }
        if (outageCounts && over(a.weeklyUnavailabilityMinutes(), 60)) {
            met.add(new Criterion(ref + "(b)", "trust service unavailable to users or relying parties for "
                    + a.weeklyUnavailabilityMinutes() + " minutes in the calendar week (over one hour)"));
        }
        if (outageCounts && over(a.degradedMinutes(), 0)
                && overShareOrCap(a.affectedUsers(), a.totalUsers(), 10, SignificanceAssessor.TRUST_LIMITED_CAP)) {
            met.add(new Criterion(ref + "(c)", "trust service availability limited for over 1 % or over 200,000 users"
                    + " or relying parties (whichever is smaller): " + users(a)));
        }
        if (a.physicalAccessCompromised()) {
            met.add(new Criterion(ref + "(d)", "physical access to a restricted area with network and information"
                    + " systems compromised"));
        }
        if (a.dataCompromised()
                && overShareOrCap(a.affectedUsers(), a.totalUsers(), 1, SignificanceAssessor.TRUST_COMPROMISE_CAP)) {
            met.add(new Criterion(ref + "(e)", "trust service data compromised for over 0.1 % or over 100 users or"
                    + " relying parties (whichever is smaller): " + users(a)));
        }
    }

    private static void compromise(SignificanceAnswers a, List<Criterion> met, String ref, String service) {
        if (a.dataCompromised() && a.dataCompromiseSuspectedMalicious()) {
            met.add(new Criterion(ref + "(c)", service + " data compromised by a suspectedly malicious action"));
        }
        if (a.dataCompromised() && manyUsers(a.affectedUsers(), a.totalUsers())) {
            met.add(new Criterion(ref + "(d)", service + " data compromise affecting over 5 % of users or over"
                    + " 1,000,000 users (whichever is smaller): " + users(a)));
        }
    }

    private static String users(SignificanceAnswers a) {
        return a.affectedUsers() + " of " + (a.totalUsers() == null ? "an unknown number of" : a.totalUsers()) + " users";
    }
}
