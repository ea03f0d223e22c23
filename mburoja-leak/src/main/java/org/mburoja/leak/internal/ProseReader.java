package org.mburoja.leak.internal;

import java.io.IOException;

/** Plain text and pastes: every line is one record, scanned with the prose recognisers. */
final class ProseReader {

    private ProseReader() {
    }

    static void read(LineSource src, FileTally tally) throws IOException {
        while (src.next()) {
            tally.beginRecord();
            tally.prose(src.buf, src.start, src.end);
            tally.endRecord();
        }
    }
}
