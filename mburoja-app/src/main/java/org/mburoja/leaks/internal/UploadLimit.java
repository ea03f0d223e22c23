package org.mburoja.leaks.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops an upload past {@code mburoja.leaks.max-upload-bytes}, so a client cannot fill the server's disk. */
final class UploadLimit extends FilterInputStream {

    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private final long max;
    private long read;

    UploadLimit(InputStream in, long max) {
        super(in);
        this.max = max;
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
            read += n;
            if (read > max) {
                throw new TooLarge("upload larger than the limit of " + max + " bytes (mburoja.leaks.max-upload-bytes)");
            }
        }
        return n;
    }
}
