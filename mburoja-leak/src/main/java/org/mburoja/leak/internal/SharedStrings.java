package org.mburoja.leak.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A workbook's shared strings table ({@code xl/sharedStrings.xml}): every text of the workbook once, as UTF-8 in one
 * array with an index of where each starts. A sheet of a million rows of names and addresses has millions of them
 * (6.2 million, 150 MB, in a generated civil register), so they are kept as bytes, not strings: 4 bytes of index a
 * text beyond its own bytes.
 */
record SharedStrings(byte[] utf8, int[] starts, int count) {

    static final SharedStrings EMPTY = new SharedStrings(new byte[0], new int[] {0}, 0);

    private static final byte[] SI = "si".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T = "t".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RPH = "rPh".getBytes(StandardCharsets.US_ASCII);

    /** The memory the table takes. */
    long bytes() {
        return utf8.length + 4L * starts.length;
    }

    int start(int i) {
        return starts[i];
    }

    String get(int i) {
        return i >= 0 && i < count ? new String(utf8, starts[i], starts[i + 1] - starts[i], StandardCharsets.UTF_8)
                : null;
    }

    /**
     * {@code <sst><si><t>..</t></si><si><r><t>..</t></r>...</si>}: rich runs joined, phonetic runs left out, Excel's
     * {@code _xHHHH_} escapes decoded. Past {@code maxBytes} of memory the texts after are left out, with a problem
     * said; where the XML breaks, the texts before are kept, with a problem said too.
     */
    static SharedStrings read(XmlBytes x, long maxBytes, List<String> problems) throws IOException {
        byte[] all = new byte[1 << 16];
        int size = 0;
        int[] starts = new int[1024];
        int count = 0;
        SheetCells.Text si = new SheetCells.Text();
        boolean inSi = false;
        boolean inT = false;
        boolean inPhonetic = false;
        int ev;
        while ((ev = next(x, problems, count)) != XmlBytes.EOF) {
            if (ev == XmlBytes.TEXT) {
                if (inT && inSi) {
                    si.append(x.text(), 0, x.textLength());
                }
            } else if (ev == XmlBytes.START) {
                if (x.is(SI)) {
                    inSi = true;
                    si.len = 0;
                } else if (x.is(T)) {
                    inT = !inPhonetic;
                } else if (x.is(RPH)) {
                    inPhonetic = true;
                }
            } else if (x.is(SI)) {
                if (inSi) {
                    si.unescape();
                    if ((long) size + si.len + 4L * (count + 2) > maxBytes) {
                        problems.add("xl/sharedStrings.xml: more than " + maxBytes + " bytes of memory: the texts "
                                + "after the first " + count + " are left out");
                        return new SharedStrings(all, Arrays.copyOf(starts, count + 1), count);
                    }
                    if (size + si.len > all.length) {
                        long grown = Math.min((long) all.length * 3 / 2, maxBytes - 4L * starts.length);
                        all = Arrays.copyOf(all, (int) Math.min(Integer.MAX_VALUE - 16,
                                Math.max(grown, (long) size + si.len)));
                    }
                    System.arraycopy(si.bytes, 0, all, size, si.len);
                    size += si.len;
                    if (count + 1 >= starts.length) {
                        starts = Arrays.copyOf(starts, starts.length * 2);
                    }
                    count++;
                    starts[count] = size;
                    inSi = false;
                }
            } else if (x.is(T)) {
                inT = false;
            } else if (x.is(RPH)) {
                inPhonetic = false;
            }
        }
        return new SharedStrings(all, Arrays.copyOf(starts, count + 1), count);
    }

    private static int next(XmlBytes x, List<String> problems, int count) throws IOException {
        try {
            return x.next();
        } catch (XmlBytes.Malformed e) {
            problems.add("xl/sharedStrings.xml: the XML breaks at line " + e.line() + ", column " + e.column() + " ("
                    + e.getMessage() + "); the " + count + " texts before are kept");
            return XmlBytes.EOF;
        }
    }
}
