package org.mburoja.leak.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * A zip archive read as it streams, entry by entry, from its local headers (a dump is often a stream: an upload, the
 * decrypted copy of one). Unlike {@link java.util.zip.ZipInputStream} it takes the data descriptor after an entry in
 * either size (4- or 8-byte sizes) by what matches the bytes actually read, so archives whose writer announces no
 * Zip64 in the entry's header yet writes Zip64 sizes after it (Apache POI's streaming Excel writer, issue 1018 of
 * apache/poi) are read whole instead of failing at their first entry. Stored and deflated entries are read; an entry
 * in another method, or encrypted, is skipped when its size is known, else the archive ends there with the reason.
 * A CRC mismatch is reported and the data kept. Names are UTF-8 (as the JDK reads them).
 */
public final class ZipStream {

    static final int LOC = 0x04034b50;
    static final int CEN = 0x02014b50;
    static final int DATA_DESCRIPTOR = 0x08074b50;
    static final int END = 0x06054b50;
    static final int ZIP64_END = 0x06064b50;
    static final int ZIP64_LOCATOR = 0x07064b50;

    /** One entry: its name and what the reader must know about its data. */
    public record Entry(String name, boolean directory, int method, boolean encrypted) {
    }

    private final PushbackInputStream in;
    private final byte[] buf = new byte[1 << 16];
    private Entry entry;
    private EntryData data;
    private boolean ended;
    private String problem;

    public ZipStream(InputStream in) {
        this.in = new PushbackInputStream(in, 1 << 16);
    }

    /** What went wrong in the archive that is not worth stopping for (a CRC mismatch), or null; cleared on read. */
    public String takeProblem() {
        String p = problem;
        problem = null;
        return p;
    }

    /**
     * The next entry, its data to be read from {@link #data()}; null at the end of the entries (the central
     * directory, or the end of the stream right after an entry).
     *
     * @throws ZipException the archive is not a zip or breaks here, with where and why
     */
    public Entry next() throws IOException {
        if (ended) {
            return null;
        }
        if (data != null) {
            data.skipRest();
            data = null;
        }
        byte[] h = new byte[30];
        int n = in.readNBytes(h, 0, 4);
        if (n == 0) {
            ended = true;
            return null;
        }
        if (n < 4) {
            throw new ZipException("the archive ends inside a header");
        }
        int sig = le32(h, 0);
        if (sig == CEN || sig == END || sig == ZIP64_END || sig == ZIP64_LOCATOR) {
            ended = true;
            return null;
        }
        if (sig != LOC) {
            throw new ZipException(String.format("no entry header where one should start (0x%08x)", sig));
        }
        if (in.readNBytes(h, 4, 26) < 26) {
            throw new ZipException("the archive ends inside an entry header");
        }
        int flags = le16(h, 6);
        int method = le16(h, 8);
        long crc = le32(h, 14) & 0xffffffffL;
        long csize = le32(h, 18) & 0xffffffffL;
        long usize = le32(h, 22) & 0xffffffffL;
        int nameLen = le16(h, 26);
        int extraLen = le16(h, 28);
        byte[] nameBytes = in.readNBytes(nameLen);
        byte[] extra = in.readNBytes(extraLen);
        if (nameBytes.length < nameLen || extra.length < extraLen) {
            throw new ZipException("the archive ends inside an entry header");
        }
        // Zip64: the real sizes are in the extra field when the header's are 0xFFFFFFFF
        for (int p = 0; p + 4 <= extra.length; ) {
            int id = le16(extra, p);
            int len = le16(extra, p + 2);
            if (id == 0x0001) {
                int q = p + 4;
                if (usize == 0xffffffffL && q + 8 <= p + 4 + len && q + 8 <= extra.length) {
                    usize = le64(extra, q);
                    q += 8;
                }
                if (csize == 0xffffffffL && q + 8 <= p + 4 + len && q + 8 <= extra.length) {
                    csize = le64(extra, q);
                }
            }
            p += 4 + len;
        }
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        boolean descriptor = (flags & 0x08) != 0;
        boolean encrypted = (flags & 0x01) != 0;
        entry = new Entry(name, name.endsWith("/"), method, encrypted);
        if (encrypted || method != 0 && method != 8) {
            if (descriptor) {
                throw new ZipException("entry " + name + (encrypted ? " is encrypted" : " uses compression method "
                        + method) + " and gives its size only after its data: the archive cannot be read on");
            }
            data = new EntryData(name, method, false, csize, usize, crc, false); // skipped by its size
            return entry;
        }
        if (method == 0 && descriptor && csize == 0) {
            throw new ZipException("entry " + name + " is stored without compression and gives its size only "
                    + "after its data: the archive cannot be read on");
        }
        data = new EntryData(name, method, descriptor, csize, usize, crc, true);
        return entry;
    }

    /** The current entry's data (empty for an entry that cannot be read: encrypted or in another method). */
    public InputStream data() {
        return data == null ? InputStream.nullInputStream() : data;
    }

    /** One entry's bytes: inflated or stored, then its data descriptor read and its CRC checked. */
    private final class EntryData extends BlockInputStream {
        private final String name;
        private final int method;
        private final boolean descriptor;
        private final long csize;
        private final long usize;
        private final long crc;
        private final boolean readable;
        private final Inflater inflater = new Inflater(true);
        private final CRC32 sum = new CRC32();
        private long stored;
        private long out;
        private boolean done;

        EntryData(String name, int method, boolean descriptor, long csize, long usize, long crc, boolean readable) {
            this.name = name;
            this.method = method;
            this.descriptor = descriptor;
            this.csize = csize;
            this.usize = usize;
            this.crc = crc;
            this.readable = readable;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (!readable) {
                skipRest();
                return -1;
            }
            int n = method == 0 ? stored(b, off, len) : inflated(b, off, len);
            if (n < 0) {
                finish();
                return -1;
            }
            sum.update(b, off, n);
            out += n;
            return n;
        }

        private int stored(byte[] b, int off, int len) throws IOException {
            if (stored >= csize) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, csize - stored));
            if (n < 0) {
                throw new EOFException("the archive ends inside entry " + name);
            }
            stored += n;
            return n;
        }

        private int inflated(byte[] b, int off, int len) throws IOException {
            try {
                while (true) {
                    int n = inflater.inflate(b, off, len);
                    if (n > 0) {
                        return n;
                    }
                    if (inflater.finished()) {
                        return -1;
                    }
                    if (inflater.needsDictionary()) {
                        throw new ZipException("entry " + name + " needs a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        int r = in.read(buf, 0, buf.length);
                        if (r < 0) {
                            throw new EOFException("the archive ends inside entry " + name);
                        }
                        lastInput = r;
                        inflater.setInput(buf, 0, r);
                    }
                }
            } catch (DataFormatException e) {
                throw new ZipException("entry " + name + " is corrupt: " + e.getMessage());
            }
        }

        /** The entry's end: what the inflater did not use goes back, then the data descriptor. */
        private void finish() throws IOException {
            if (done) {
                return;
            }
            done = true;
            long compressed = stored;
            if (method == 8) {
                int rest = inflater.getRemaining();
                if (rest > 0) {
                    in.unread(buf, lastInput - rest, rest);
                }
                compressed = inflater.getBytesRead();
                inflater.end();
            }
            long expectedCrc = crc;
            if (descriptor) {
                expectedCrc = readDescriptor(compressed, out);
            }
            if (readable && (sum.getValue() != expectedCrc)) {
                problem = "entry " + name + ": its CRC does not match its data (kept as read)";
            }
        }

        /** How many bytes of {@code buf} the inflater was last given. */
        private int lastInput;

        /**
         * The descriptor after the data: an optional signature, the CRC, then the sizes in 4 or 8 bytes each. The
         * form is the one whose sizes are those just read; when neither matches (a writer's error), the one followed
         * by a header signature.
         */
        private long readDescriptor(long compressed, long uncompressed) throws IOException {
            byte[] d = new byte[28];
            int n = in.readNBytes(d, 0, 4);
            if (n == 4 && le32(d, 0) == DATA_DESCRIPTOR) {
                n = in.readNBytes(d, 0, 24);
            } else {
                n += in.readNBytes(d, n, 20);
            }
            if (n < 12) {
                throw new EOFException("the archive ends inside the data descriptor of entry " + name);
            }
            long descCrc = le32(d, 0) & 0xffffffffL;
            boolean small = (le32(d, 4) & 0xffffffffL) == (compressed & 0xffffffffL)
                    && (le32(d, 8) & 0xffffffffL) == (uncompressed & 0xffffffffL);
            boolean large = n >= 20 && le64(d, 4) == compressed && le64(d, 12) == uncompressed;
            int used;
            if (large && !small) {
                used = 20;
            } else if (small) {
                used = 12;
            } else {
                used = n >= 24 && isSignature(le32(d, 20)) && !isSignature(le32(d, 12)) ? 20 : 12;
                problem = "entry " + name + ": its data descriptor does not give the sizes read";
            }
            in.unread(d, used, n - used);
            return descCrc;
        }

        private boolean isSignature(int v) {
            return v == LOC || v == CEN || v == END || v == ZIP64_END;
        }

        /** Reads (and drops) the rest of the entry, so the next header can be found. */
        void skipRest() throws IOException {
            if (done) {
                return;
            }
            if (!readable) {
                in.skipNBytes(csize); // (next() let through only entries whose size is in their header)
                done = true;
                inflater.end();
                return;
            }
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // dropped
            }
        }
    }

    static int le16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    static long le64(byte[] b, int p) {
        return (le32(b, p) & 0xffffffffL) | (long) le32(b, p + 4) << 32;
    }
}
