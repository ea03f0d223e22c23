package org.mburoja.leaks;

import java.time.Instant;
import java.util.UUID;

/**
 * A background scan of one dump. {@code bytesDone}/{@code bytesTotal} is the progress; the counts and the risk are
 * set when it is {@link Status#DONE}. The full report (masked samples only) is read through {@link LeakScanJobs}.
 */
public record ScanJob(UUID id, String sourceName, Source source, Status status, long bytesTotal, long bytesDone,
                      String createdBy, Instant createdAt, Instant finishedAt, String error, Long distinctNids,
                      Long distinctPersons, String riskLevel, boolean dumpStored) {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    public enum Source { UPLOAD, SERVER_PATH }
}
