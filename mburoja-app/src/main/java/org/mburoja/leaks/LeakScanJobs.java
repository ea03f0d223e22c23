package org.mburoja.leaks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    default ScanJob submitUpload(Actor actor, String fileName, InputStream content, boolean keepDump) {
        return submitUpload(actor, fileName, content, keepDump, -1);
    }

    /**
     * As {@link #submitUpload(Actor, String, InputStream, boolean)}, for a client that announced the upload's size
     * ({@code expectedBytes}, e.g. its {@code Content-Length}; -1 when unknown): an announced size over the limit is
     * refused before anything is read, and an upload that ends short of it (a client gone, a cut connection) is
     * refused and deleted rather than scanned as if it were the whole dump.
     */
    ScanJob submitUpload(Actor actor, String fileName, InputStream content, boolean keepDump, long expectedBytes);

    /** Queues the scan of a file under the configured import directory ({@code mburoja.leaks.import-dir}). */
    ScanJob submitServerPath(Actor actor, String relativePath);

    /** The upload limit in bytes ({@code mburoja.leaks.max-upload-bytes}): a larger upload is refused. */
    long maxUploadBytes();

    /**
     * The files an analyst can scan from the import directory, newest first, at most {@code limit} (paths relative
     * to the directory, as {@link #submitServerPath} takes them); hidden files and directories are left out, and so
     * is anything deeper than four directories. Empty when no import directory is configured or it does not exist.
     */
    List<ImportFile> importFiles(Actor actor, int limit);

    /** Whether an import directory is configured ({@code mburoja.leaks.import-dir}). */
    boolean hasImportDirectory();

    /** A file in the import directory. */
    record ImportFile(String path, long bytes, java.time.Instant modified) {
    }

    Optional<ScanJob> find(Actor actor, UUID id);

    List<ScanJob> list(Actor actor, int limit);

    /** The stored JSON report (masked samples only); reading it is audited. */
    Optional<String> report(Actor actor, UUID id);

    /**
     * The unmasked values of a finished scan, for reaching the people of a breach: every value found or rejected, one
     * JSON object per line ({@code {"file", "record", "type", "value", "valid"}}; a record's values are one person's),
     * made by scanning the dump again, from its kept encrypted copy or from the import directory. Only authority
     * analysts and administrators with write access (a token needs {@code leaks:write}) may ask, with a reason of 10
     * to 500 characters; the request is audited with the reason before anything is read.
     *
     * @throws java.util.NoSuchElementException no such scan
     * @throws IllegalArgumentException         no reason, or too long a one
     * @throws ValuesUnavailable               the scan is not done, its dump was not kept, or the server file changed
     *                                          since the scan
     */
    ValueExport values(Actor actor, UUID id, String reason);

    /** Writes the values of a scan (checked, audited and ready when it is handed out). */
    @FunctionalInterface
    interface ValueExport {
        /** Scans the dump again and writes its values to {@code out}; {@code out} is flushed, not closed. */
        void writeTo(OutputStream out) throws IOException;
    }
}
