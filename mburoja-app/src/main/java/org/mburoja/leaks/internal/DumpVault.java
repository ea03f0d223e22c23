package org.mburoja.leaks.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dumps at rest: AES-256-GCM in chunks of 1 MiB, each with its own nonce (a random 96-bit base per dump, XOR the chunk number) and the
 * chunk number and a last-chunk flag as associated data, so chunks cannot be reordered, dropped or truncated without
 * detection, and neither writing nor reading ever holds more than one chunk (a JDK GCM stream would buffer the whole
 * ciphertext when decrypting). Format: "MBLK1", the 12-byte nonce base, then per chunk a 4-byte length, a flag byte and
 * the ciphertext with its 16-byte tag.
 */
final class DumpVault {

    static final int CHUNK = 1 << 20;
    private static final byte[] MAGIC = {'M', 'B', 'L', 'K', '1'};
    private static final SecureRandom RANDOM = new SecureRandom();

    private DumpVault() {
    }

    static SecretKey key(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("the dump key must be 32 bytes (base64 of 256 bits), got " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    static SecretKey ephemeralKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }

    /** Encrypts {@code in} to {@code out}; returns the plaintext length. */
    static long encrypt(SecretKey key, InputStream in, OutputStream out) throws IOException {
        byte[] prefix = new byte[12];
        RANDOM.nextBytes(prefix);
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.write(prefix);
        byte[] buf = new byte[CHUNK];
        byte[] next = new byte[CHUNK];
        int n = in.readNBytes(buf, 0, CHUNK);
        long total = 0;
        long index = 0;
        while (true) {
            int m = n == CHUNK ? in.readNBytes(next, 0, CHUNK) : 0;
            boolean last = m == 0;
            byte[] ct = crypt(Cipher.ENCRYPT_MODE, key, prefix, index, last, buf, n);
            d.writeInt(ct.length);
            d.writeByte(last ? 1 : 0);
            d.write(ct);
            total += n;
            if (last) {
                break;
            }
            byte[] t = buf;
            buf = next;
            next = t;
            n = m;
            index++;
        }
        d.flush();
        return total;
    }

    /** A stream of the plaintext; fails with an IOException when any chunk was altered, reordered or cut off. */
    static InputStream decrypt(SecretKey key, InputStream raw) throws IOException {
        DataInputStream d = new DataInputStream(raw);
        byte[] magic = d.readNBytes(MAGIC.length);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("not an encrypted Mburoja dump");
        }
        byte[] prefix = d.readNBytes(12);
        return new InputStream() {
            private byte[] plain = new byte[0];
            private int pos;
            private long index;
            private boolean done;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos >= plain.length) {
                    if (done) {
                        return -1;
                    }
                    int n;
                    int flag;
                    try {
                        n = d.readInt();
                        flag = d.readUnsignedByte();
                    } catch (EOFException e) {
                        throw new IOException("encrypted dump is truncated");
                    }
                    if (n < 16 || n > CHUNK + 16) {
                        throw new IOException("encrypted dump is corrupt (chunk length " + n + ")");
                    }
                    byte[] ct = d.readNBytes(n);
                    if (ct.length != n) {
                        throw new IOException("encrypted dump is truncated");
                    }
                    plain = crypt(Cipher.DECRYPT_MODE, key, prefix, index++, flag == 1, ct, n);
                    pos = 0;
                    done = flag == 1;
                }
                int k = Math.min(len, plain.length - pos);
                System.arraycopy(plain, pos, b, off, k);
                pos += k;
                return k;
            }

            @Override
            public void close() throws IOException {
                d.close();
            }
        };
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] prefix, long index, boolean last, byte[] data, int n)
            throws IOException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = prefix.clone();
            ByteBuffer.wrap(nonce).putLong(4, ByteBuffer.wrap(prefix).getLong(4) ^ index);
            c.init(mode, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array());
            return c.doFinal(data, 0, n);
        } catch (GeneralSecurityException e) {
            throw new IOException("encrypted dump failed authentication at chunk " + index
                    + " (altered, reordered or wrong key)", e);
        }
    }
}
