package org.mburoja.leak.internal;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that makes its bytes in blocks: a single byte is read as a block of one. */
abstract class BlockInputStream extends InputStream {

    private final byte[] one = new byte[1];

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
