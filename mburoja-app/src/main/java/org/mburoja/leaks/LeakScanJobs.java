package org.mburoja.leaks;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mburoja.kernel.Actor;

/**
 * Background scans of leaked dumps. Every method is for authority analysts and administrators only and is audited;
 * others get {@link LeakAccessDenied}.
 */
public interface LeakScanJobs {

    /**
     * Streams an upload to disk, encrypted (with the configured dump key when {@code keepDump}, else with a key that
     * lives only as long as the job), and queues its scan. Returns at once with the queued job.
     */
    ScanJob submitUpload(Actor actor, String fileName, InputStream content, boolean keepDump);

    /** Queues the scan of a file under the configured import directory ({@code mburoja.leaks.import-dir}). */
    ScanJob submitServerPath(Actor actor, String relativePath);

    Optional<ScanJob> find(Actor actor, UUID id);

    List<ScanJob> list(Actor actor, int limit);

    /** The stored JSON report (masked samples only); reading it is audited. */
    Optional<String> report(Actor actor, UUID id);
}
