package org.mburoja.leak.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts bytes coming out of a decompressor and stops a decompression bomb: more than {@code maxExpanded} bytes in
 * total, or an expansion ratio above {@code maxRatio} once {@code grace} bytes have come out. The ratio compares
 * with the compressed bytes read from disk so far, so it also catches nested archives.
 */
public final class ExpansionGuard extends FilterInputStream {

    /** Thrown when an archive exceeds a limit; what was read before still counts. */
    public static final class LimitExceeded extends IOException {
        public LimitExceeded(String message) {
            super(message);
        }
    }

    private final long[] expandedTotal;
    private final long maxExpanded;
    private final int maxRatio;
    private final long grace;
    private final LongSupplier compressed;
    private long expanded;

    public ExpansionGuard(InputStream in, long[] expandedTotal, long maxExpanded, int maxRatio, long grace,
                          LongSupplier compressed) {
        super(in);
        this.expandedTotal = expandedTotal;
        this.maxExpanded = maxExpanded;
        this.maxRatio = maxRatio;
        this.grace = grace;
        this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            expanded += n;
            expandedTotal[0] += n;
            if (expandedTotal[0] > maxExpanded) {
                throw new LimitExceeded("archive expands beyond the limit of " + maxExpanded + " bytes");
            }
            long c = Math.max(1, compressed.getAsLong());
            if (expanded > grace && expanded / c > maxRatio) {
                throw new LimitExceeded("archive expansion ratio above " + maxRatio + ":1 (" + expanded
                        + " bytes from " + c + "): suspected archive bomb");
            }
        }
        return n;
    }

    public long expanded() {
        return expanded;
    }
}
