package org.mburoja.leak.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts the bytes read through it and reports the count every {@code step} bytes (for progress bars). */
public final class CountingInputStream extends FilterInputStream {

    private final long step;
    private final LongConsumer onStep;
    private long count;
    private long nextReport;

    public CountingInputStream(InputStream in, long step, LongConsumer onStep) {
        super(in);
        this.step = step;
        this.onStep = onStep;
        this.nextReport = step;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            advance(1);
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = super.skip(n);
        advance(k);
        return k;
    }

    private void advance(long n) {
        count += n;
        if (count >= nextReport) {
            nextReport = count + step;
            onStep.accept(count);
        }
    }

    public long count() {
        return count;
    }
}
