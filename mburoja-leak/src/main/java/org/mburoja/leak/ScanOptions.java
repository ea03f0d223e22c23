package org.mburoja.leak;

import java.time.LocalDate;

/**
 * Limits and switches of a scan. The archive limits stop decompression bombs: total bytes expanded from archives,
 * entries per archive, expansion ratio (checked once {@code ratioGraceBytes} have been expanded) and nesting depth.
 *
 * @param maxLineBytes    a longer line is scanned in pieces of this size (memory bound per file)
 * @param listener        receives full values; null for reports with masked samples only
 * @param today           birth dates after this day are impossible
 * @param maxWorkbookBytes memory a spreadsheet's shared strings and the sheets held until they come may take (by
 *                         default a quarter of the heap, at most 512 MiB)
 */
public record ScanOptions(long maxExpandedBytes, int maxArchiveEntries, int maxExpansionRatio, long ratioGraceBytes,
                          int maxArchiveDepth, int maxLineBytes, EntityListener listener, LocalDate today,
                          long maxWorkbookBytes) {

    /**
     * Loggers of the libraries the scanner runs on (PDFBox) that quote a scanned file's bytes when they warn about
     * damage: personal data, never to be logged. A program that logs through its own framework turns them off.
     */
    public static final java.util.List<String> QUIET_LOGGERS = java.util.List.of("org.apache.pdfbox",
            "org.apache.fontbox");

    public static ScanOptions defaults() {
        // a workbook may hold at most a quarter of the heap, and never more than 512 MiB
        long workbook = Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 4);
        return new ScanOptions(64L << 30, 10_000, 200, 16L << 20, 3, 8 << 20, null, LocalDate.now(), workbook);
    }

    public ScanOptions withMaxWorkbookBytes(long n) {
        return new ScanOptions(maxExpandedBytes, maxArchiveEntries, maxExpansionRatio, ratioGraceBytes,
                maxArchiveDepth, maxLineBytes, listener, today, n);
    }

    public ScanOptions withListener(EntityListener l) {
        return new ScanOptions(maxExpandedBytes, maxArchiveEntries, maxExpansionRatio, ratioGraceBytes,
                maxArchiveDepth, maxLineBytes, l, today, maxWorkbookBytes);
    }

    public ScanOptions withArchiveLimits(long maxExpanded, int maxEntries, int maxRatio, long grace) {
        return new ScanOptions(maxExpanded, maxEntries, maxRatio, grace, maxArchiveDepth, maxLineBytes, listener,
                today, maxWorkbookBytes);
    }

    public ScanOptions withMaxLineBytes(int n) {
        return new ScanOptions(maxExpandedBytes, maxArchiveEntries, maxExpansionRatio, ratioGraceBytes,
                maxArchiveDepth, n, listener, today, maxWorkbookBytes);
    }
}
