package org.mburoja.sigma.hunt;

import java.io.IOException;
import java.io.InputStream;

/** A stream that hands out bytes made a chunk at a time ({@link #nextChunk}), for the readers that convert input. */
abstract class ChunkStream extends InputStream {

    private byte[] bytes = new byte[0];
    private int pos;

    /** The next bytes (possibly none), or null at the end. */
    abstract byte[] nextChunk() throws IOException;

    /** Whether every byte of the chunks made so far has been read. */
    final boolean drained() {
        return pos == bytes.length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (pos == bytes.length) {
            byte[] next = nextChunk();
            if (next == null) {
                return -1;
            }
            bytes = next;
            pos = 0;
        }
        int k = Math.min(len, bytes.length - pos);
        System.arraycopy(bytes, pos, b, off, k);
        pos += k;
        return k;
    }
}
