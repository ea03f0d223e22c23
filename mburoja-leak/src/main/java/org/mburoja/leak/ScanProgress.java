package org.mburoja.leak;

/** Told how far a scan is, in raw input bytes, at most a few times per second of scanning. */
@FunctionalInterface
public interface ScanProgress {

    ScanProgress NONE = (done, total, file) -> { };

    void advanced(long bytesDone, long bytesTotal, String currentFile);
}
