package org.mburoja.operators.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Checks that the bytes of a CSV file are UTF-8 as they are read, and counts lines as {@link CsvReader} does (CR, LF
 * and CRLF end one), so that a file that is not UTF-8 is refused with the line of its first bad byte. The JDK's
 * decoder only says that the input is malformed, somewhere in a block of several kilobytes it read ahead; a
 * spreadsheet that saved the file as Windows-1252 or ISO-8859-1 (an Albanian {@code ë} is the single byte 0xEB
 * there) is the usual cause. Accepts exactly what the JDK's UTF-8 decoder accepts (no overlong forms, no
 * surrogates, nothing above U+10FFFF). Cost: one table-free check per byte.
 */
final class Utf8Check extends FilterInputStream {

    private long line = 1;
    private boolean afterCr;
    private int lead;
    private int need;
    private int lo = 0x80;
    private int hi = 0xBF;

    Utf8Check(InputStream in) {
        super(in);
    }

    /** The bytes are not UTF-8 at {@code line}. */
    static final class NotUtf8 extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NotUtf8(long line, String what) {
            super("line " + line + ": not UTF-8 text (" + what + "; was the file saved in another encoding, such as "
                    + "Windows-1252 or ISO-8859-1? Save it as \"CSV UTF-8\")");
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            check(b);
        } else {
            end();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        for (int i = 0; i < n; i++) {
            check(b[off + i] & 0xFF);
        }
        if (n < 0) {
            end();
        }
        return n;
    }

    /** A reset would make bytes pass twice, and be counted twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(int b) {
        if (need > 0) {
            if (b < lo || b > hi) {
                throw new NotUtf8(line, String.format(Locale.ROOT, "byte 0x%02X followed by 0x%02X", lead, b));
            }
            lo = 0x80;
            hi = 0xBF;
            need--;
            return;
        }
        if (b < 0x80) {
            if (b == '\r' || b == '\n' && !afterCr) {
                line++;
            }
            afterCr = b == '\r';
            return;
        }
        afterCr = false;
        lead = b;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b == 0xE0) {
            need = 2;
            lo = 0xA0;
        } else if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) {
            need = 2;
        } else if (b == 0xED) {
            need = 2;
            hi = 0x9F;
        } else if (b == 0xF0) {
            need = 3;
            lo = 0x90;
        } else if (b >= 0xF1 && b <= 0xF3) {
            need = 3;
        } else if (b == 0xF4) {
            need = 3;
            hi = 0x8F;
        } else {
            throw new NotUtf8(line, String.format(Locale.ROOT, "byte 0x%02X", b));
        }
    }

    private void end() {
        if (need > 0) {
            throw new NotUtf8(line, String.format(Locale.ROOT, "the file ends inside a character begun by byte 0x%02X",
                    lead));
        }
    }
}
