package org.mburoja.incidents.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.mburoja.kernel.Lookalikes;

/** The case side's request and response shapes (JSON). */
public final class CaseViews {

    private CaseViews() {
    }

    public record NewCase(String title, String description, String severity, UUID organisationId, String sector,
                          String entityClass, String rsitClass, String rsitType, List<String> attackTechniques,
                          String tlp, String pap, Boolean crossBorder, String assignee) {
    }

    /** Partial update: null fields stay as they are. */
    public record CaseUpdate(String title, String description, String severity, String rsitClass, String rsitType,
                             List<String> attackTechniques, String tlp, String pap, Boolean crossBorder,
                             String assignee, List<String> tags) {
    }

    public record StatusChange(String status, String closureReason, String reason) {
    }

    public record NewTask(String title, String assignee, Instant dueAt) {
    }

    public record TaskUpdate(Boolean done, String assignee, Instant dueAt) {
    }

    public record NewObservable(String kind, String value, String note) {
    }

    public record NewTimelineEntry(Instant eventAt, String text) {
    }

    public record NewComment(String text) {
    }

    public record NewLink(UUID otherCaseId, String relation) {
    }

    public record Merge(UUID intoCaseId) {
    }

    /** One action on many cases, all or nothing: {@code assign}, {@code status} or {@code tag}. */
    public record BulkAction(List<UUID> caseIds, String action, String assignee, String status, String closureReason,
                             String reason, String tag) {
    }

    public record Share(UUID organisationId) {
    }

    public record Task(UUID id, String title, String assignee, Instant dueAt, boolean done, Instant doneAt,
                       Instant createdAt, String createdBy) {
    }

    /**
     * An observable of a case, with what the operator registry and the intelligence store know about it at the time
     * it is shown ({@code lookup} is null where no look-up was made, e.g. in exports).
     */
    public record Observable(UUID id, String kind, String value, String note, Instant createdAt, String createdBy,
                             Lookup lookup) {

        public Observable(UUID id, String kind, String value, String note, Instant createdAt, String createdBy) {
            this(id, kind, value, note, createdAt, createdBy, null);
        }

        Observable withLookup(Lookup l) {
            return new Observable(id, kind, value, note, createdAt, createdBy, l);
        }

        /**
         * What the value hides from a reader, or null: an internationalised host (its letters and its wire form)
         * and a word that mixes scripts, the shape of a look-alike name ({@link Lookalikes}). Hashes and IP
         * addresses have none.
         */
        public Lookalikes.Finding lookalike() {
            return "HASH".equals(kind) || "IP".equals(kind) ? null : Lookalikes.of(value).orElse(null);
        }
    }

    /**
     * What is known about an observable. A part that was not looked up says why in its note: {@code not-applicable}
     * (the kind has no such look-up), {@code not-permitted} (the registry is for authority staff only),
     * {@code unavailable} (the module is not running), {@code not-looked-up} (over the per-page limit), {@code invalid}
     * (not an address or domain) or {@code failed} (logged).
     */
    public record Lookup(Instant at, List<RegistryHit> registry, String registryNote, List<IntelHit> intel,
                         String intelNote) {
    }

    /** An operator owning the observable's address or domain, and the registered asset that matched. */
    public record RegistryHit(UUID operator, String name, String entityClass, String sector, String matchedAsset) {
    }

    /**
     * A stored STIX object that mentions the observable ({@code tlp} as its label, e.g. {@code TLP:AMBER+STRICT}); {@code relation} says how the mentioned value relates to
     * it (EXACT, CONTAINING_RANGE, PARENT_DOMAIN, URL_HOST, EMAIL_DOMAIN).
     */
    public record IntelHit(String stixId, String type, String name, String tlp, String matchedValue, String relation,
                           Instant modified, String source) {
    }

    public record TimelineEntry(UUID id, Instant eventAt, Instant recordedAt, String actor, boolean automatic,
                                String text) {
    }

    public record Comment(UUID id, Instant at, String author, String text) {
    }

    public record Evidence(UUID id, String filename, String contentType, long sizeBytes, String sha256,
                           Instant addedAt, String addedBy, String description, List<Custody> custody) {
    }

    public record Custody(Instant at, String actor, String action, String sha256) {
    }

    public record Link(UUID otherCaseId, String otherNumber, String relation) {
    }

    public record Case(UUID id, String number, String title, String description, String severity, String status,
                       String statusReason, String closureReason, String assignee, UUID organisationId, String sector,
                       String entityClass, String rsitClass, String rsitType, List<String> attackTechniques,
                       List<String> tags, String tlp, String pap, boolean crossBorder, UUID mergedInto, UUID reportId,
                       String source,
                       Instant createdAt, String createdBy, Instant updatedAt, Instant closedAt,
                       List<UUID> sharedWith) {
    }

    /** The case with everything on its tabs. */
    public record CaseDetail(Case summary, List<Task> tasks, List<Observable> observables,
                             List<TimelineEntry> timeline, List<Comment> comments, List<Evidence> evidence,
                             List<Link> links) {
    }
}
