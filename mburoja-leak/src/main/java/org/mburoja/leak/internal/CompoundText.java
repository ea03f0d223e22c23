package org.mburoja.leak.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of an Office 97-2003 file that is not a workbook (a Word .doc, an Outlook .msg, a PowerPoint .ppt): the
 * runs of readable text in each of its streams, in UTF-16 (how Word and Outlook store most text, and which a scan of
 * the raw bytes never reads) and in 8-bit code pages; and the streams that are files of their own (an Outlook
 * message's attachments: a zip, a workbook, another compound file), handed on to be scanned as such, under the
 * attachment's file name where the message gives one.
 */
public final class CompoundText {

    /** Receives each stream that is a file of its own. */
    public interface Nested {
        void file(String name, InputStream data) throws IOException;
    }

    /** Runs shorter than this are noise of binary structures. */
    private static final int MIN_RUN = 4;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CompoundText() {
    }

    /**
     * The file's text as UTF-8, a run a line, streams one after another; its embedded files handed to
     * {@code nested}. Null when the compound file itself cannot be read ({@code problems} says why).
     */
    public static byte[] text(byte[] file, Nested nested, List<String> problems) throws IOException {
        List<CompoundFile.Stream> streams;
        try {
            streams = new CompoundFile(file).streams(problems);
        } catch (CompoundFile.Broken e) {
            problems.add("the OLE2 compound file is broken (" + e.getMessage() + "): scanned as a binary file");
            return null;
        }
        Map<String, String> fileNames = new HashMap<>(); // storage -> its attachment's file name (Outlook)
        for (CompoundFile.Stream s : streams) {
            String n = s.name();
            if (n.equals("__substg1.0_3707001F") || n.equals("__substg1.0_3704001F") && !fileNames.containsKey(
                    s.storage())) {
                fileNames.put(s.storage(), new String(s.data(), StandardCharsets.UTF_16LE).replace("\0", "").strip());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, file.length / 4));
        for (CompoundFile.Stream s : streams) {
            byte[] d = s.data();
            if (container(d)) {
                String name = fileNames.getOrDefault(s.storage(), s.path());
                nested.file(name.isBlank() ? s.path() : name.replace('/', '_'), new ByteArrayInputStream(d));
                continue;
            }
            runs16(d, out);
            runs8(d, out);
        }
        return out.toByteArray();
    }

    /** A zip (xlsx, docx), another compound file, a gzip, a PDF: a file of its own. */
    private static boolean container(byte[] d) {
        return d.length >= 4 && (d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4
                || (d[0] & 0xFF) == 0x1F && (d[1] & 0xFF) == 0x8B
                || d[0] == '%' && d[1] == 'P' && d[2] == 'D' && d[3] == 'F'
                || d.length >= 512 && XlsBook.le64(d, 0) == CompoundFile.SIGNATURE);
    }

    /** Characters of the scripts of the region (Latin, Greek, Cyrillic, Armenian, Georgian) and punctuation. */
    private static boolean readable(int c) {
        return c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' || c == '\r' || c >= 0xA0 && c <= 0x24F
                || c >= 0x370 && c <= 0x58F || c >= 0x10A0 && c <= 0x10FF || c >= 0x2010 && c <= 0x205E
                || c == 0x20AC;
    }

    private static void runs16(byte[] d, ByteArrayOutputStream out) {
        for (int parity = 0; parity < 2; parity++) {
            StringBuilder run = new StringBuilder();
            for (int i = parity; i + 1 < d.length; i += 2) {
                int c = (d[i] & 0xFF) | (d[i + 1] & 0xFF) << 8;
                if (readable(c) && c >= 0x100 || readable(c) && d[i + 1] == 0) {
                    run.append((char) c);
                    continue;
                }
                flush(run, out);
            }
            flush(run, out);
        }
    }

    private static void runs8(byte[] d, ByteArrayOutputStream out) {
        int start = -1;
        for (int i = 0; i <= d.length; i++) {
            int c = i < d.length ? d[i] & 0xFF : 0;
            boolean ok = i < d.length && (c >= 0x20 && c < 0x7F || c == '\t' || c >= 0xA0);
            if (ok) {
                if (start < 0) {
                    start = i;
                }
                continue;
            }
            if (start >= 0 && i - start >= MIN_RUN) {
                out.writeBytes(new String(d, start, i - start, WINDOWS_1252).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            start = -1;
        }
    }

    private static void flush(StringBuilder run, ByteArrayOutputStream out) {
        if (run.length() >= MIN_RUN) {
            out.writeBytes(run.toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        run.setLength(0);
    }
}
