package org.mburoja.leak.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Problems met while reading one file (broken quoting, malformed JSON, oversized lines, archive limits), each with
 * where and why. The first {@value #KEEP} are kept verbatim and the rest counted, so a hostile file cannot grow the
 * report.
 */
public final class Diagnostics {

    static final int KEEP = 20;
    private final List<String> messages = new ArrayList<>();
    private long count;

    public void add(long line, String what) {
        count++;
        if (messages.size() < KEEP) {
            messages.add(line > 0 ? "line " + line + ": " + what : what);
        }
    }

    public List<String> messages() {
        List<String> out = new ArrayList<>(messages);
        if (count > messages.size()) {
            out.add((count - messages.size()) + " more problems not listed");
        }
        return out;
    }

    public long count() {
        return count;
    }
}
