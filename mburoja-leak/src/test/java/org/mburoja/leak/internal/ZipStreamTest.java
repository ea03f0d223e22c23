package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The streaming zip reader on archives as writers make them, as some writers get them wrong, and broken ones. */
class ZipStreamTest {

    /** Every entry's name and text, in order; problems as entries named "!problem". */
    private static Map<String, String> read(byte[] zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        ZipStream z = new ZipStream(new ByteArrayInputStream(zip));
        for (ZipStream.Entry e; (e = z.next()) != null; ) {
            String p = z.takeProblem();
            if (p != null) {
                out.put("!problem " + out.size(), p);
            }
            out.put(e.name(), new String(z.data().readAllBytes(), StandardCharsets.UTF_8));
        }
        String p = z.takeProblem();
        if (p != null) {
            out.put("!problem end", p);
        }
        return out;
    }

    private static byte[] jdkZip(boolean stored) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (int i = 0; i < 3; i++) {
                byte[] data = ("emri,numri_personal\nArben,J00101999W\n" + "x".repeat(i * 5000)).getBytes();
                ZipEntry e = new ZipEntry("dir/f" + i + ".csv");
                if (stored) {
                    CRC32 c = new CRC32();
                    c.update(data);
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(data.length);
                    e.setCrc(c.getValue());
                }
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    @Test
    void readsTheJdksArchivesStoredAndDeflated() throws Exception {
        for (boolean stored : new boolean[] {true, false}) {
            Map<String, String> r = read(jdkZip(stored));
            assertThat(r).containsOnlyKeys("dir/f0.csv", "dir/f1.csv", "dir/f2.csv");
            assertThat(r.get("dir/f2.csv")).startsWith("emri,numri_personal\nArben,J00101999W\n").hasSize(10_037);
        }
    }

    /** A hand-made entry: local header, deflated data, then a descriptor in the form the test asks for. */
    private static void entry(ByteArrayOutputStream out, String name, byte[] data, boolean zip64Descriptor,
                              boolean badCrc, int flags, int method) {
        byte[] packed = data;
        if (method == 8) {
            Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                c.write(buf, 0, d.deflate(buf));
            }
            packed = c.toByteArray();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        long sum = badCrc ? crc.getValue() ^ 1 : crc.getValue();
        boolean descriptor = (flags & 8) != 0;
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        le32(out, ZipStream.LOC);
        le16(out, 20);
        le16(out, flags);
        le16(out, method);
        le32(out, 0);
        le32(out, descriptor ? 0 : (int) sum);
        le32(out, descriptor ? 0 : packed.length);
        le32(out, descriptor ? 0 : data.length);
        le16(out, n.length);
        le16(out, 0);
        out.writeBytes(n);
        out.writeBytes(packed);
        if (descriptor) {
            le32(out, ZipStream.DATA_DESCRIPTOR);
            le32(out, (int) sum);
            if (zip64Descriptor) {
                le64(out, packed.length);
                le64(out, data.length);
            } else {
                le32(out, packed.length);
                le32(out, data.length);
            }
        }
    }

    private static void end(ByteArrayOutputStream out) {
        le32(out, ZipStream.END);
        out.writeBytes(new byte[18]);
    }

    @Test
    void readsZip64SizesAfterAnEntryWhoseHeaderAnnouncedNone() throws Exception {
        // the layout of Apache POI's streaming Excel writer (apache/poi issue 1018): 8-byte sizes in the descriptor
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        entry(b, "xl/worksheets/sheet1.xml", "<worksheet/>".repeat(100).getBytes(), true, false, 8, 8);
        entry(b, "xl/sharedStrings.xml", "<sst/>".getBytes(), true, false, 8, 8);
        end(b);
        byte[] zip = b.toByteArray();
        assertThat(read(zip)).containsExactly(Map.entry("xl/worksheets/sheet1.xml", "<worksheet/>".repeat(100)),
                Map.entry("xl/sharedStrings.xml", "<sst/>"));
        // the JDK's reader takes the first four bytes of the 8-byte size for both sizes
        assertThatThrownBy(() -> {
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
                while (z.getNextEntry() != null) {
                    z.readAllBytes();
                }
            }
        }).isInstanceOf(ZipException.class).hasMessageContaining("invalid entry size");
    }

    @Test
    void aCrcMismatchIsReportedAndTheDataKept() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        entry(b, "a.txt", "hello".getBytes(), false, true, 8, 8);
        entry(b, "b.txt", "stored".getBytes(), false, true, 0, 0);
        end(b);
        Map<String, String> r = read(b.toByteArray());
        assertThat(r).containsEntry("a.txt", "hello").containsEntry("b.txt", "stored");
        assertThat(r.values()).filteredOn(v -> v.contains("CRC does not match")).hasSize(2);
    }

    @Test
    void encryptedEntriesAndOtherMethodsAreSkippedByTheirSize() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        entry(b, "secret.txt", "not really encrypted".getBytes(), false, false, 1, 0);
        entry(b, "bzip2.bin", "BZh91AY&SY".getBytes(), false, false, 0, 12);
        entry(b, "after.txt", "read".getBytes(), false, false, 0, 8);
        end(b);
        ZipStream z = new ZipStream(new ByteArrayInputStream(b.toByteArray()));
        List<String> seen = new ArrayList<>();
        for (ZipStream.Entry e; (e = z.next()) != null; ) {
            seen.add(e.name() + (e.encrypted() ? " encrypted" : "") + " m" + e.method() + " "
                    + new String(z.data().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(seen).containsExactly("secret.txt encrypted m0 ", "bzip2.bin m12 ", "after.txt m8 read");
    }

    @Test
    void theScannerReportsWhatItSkippedAndScansTheRest() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        entry(b, "secret.csv", "emri,numri_personal\nArben,J00101999W\n".getBytes(), false, false, 1, 0);
        entry(b, "lzma.csv", "x".getBytes(), false, false, 0, 14);
        entry(b, "clear.csv", "emri,numri_personal\nElira,I45203123S\n".getBytes(), true, false, 8, 8);
        end(b);
        byte[] zip = b.toByteArray();
        var report = new org.mburoja.leak.LeakScanner(org.mburoja.leak.ScanOptions.defaults())
                .scan("dump.zip", new ByteArrayInputStream(zip), zip.length, org.mburoja.leak.ScanProgress.NONE);
        assertThat(report.distinctNids()).isEqualTo(1);
        assertThat(report.perFile()).anySatisfy(f -> assertThat(f.name() + ": " + f.problems())
                .isEqualTo("dump.zip!/secret.csv: [encrypted: not scanned]"));
        assertThat(report.perFile()).anySatisfy(f -> assertThat(f.name() + ": " + f.problems()).isEqualTo(
                "dump.zip!/lzma.csv: [compressed with method 14, which this scanner does not read: not scanned]"));
    }

    @Test
    void entriesWhoseEndCannotBeFoundStopTheArchiveWithTheReason() {
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        entry(enc, "secret.txt", "x".getBytes(), false, false, 1 | 8, 8);
        assertThatThrownBy(() -> read(enc.toByteArray())).isInstanceOf(ZipException.class)
                .hasMessageContaining("secret.txt is encrypted and gives its size only after its data");
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        entry(stored, "s.txt", "x".getBytes(), false, false, 8, 0);
        assertThatThrownBy(() -> read(stored.toByteArray())).isInstanceOf(ZipException.class)
                .hasMessageContaining("s.txt is stored without compression");
    }

    @Test
    void brokenAndCutArchivesFailWithWhereAndWhy() throws Exception {
        assertThat(read(new byte[0])).isEmpty();
        ByteArrayOutputStream onlyEnd = new ByteArrayOutputStream();
        end(onlyEnd);
        assertThat(read(onlyEnd.toByteArray())).isEmpty();
        assertThatThrownBy(() -> read("not a zip at all".getBytes())).isInstanceOf(ZipException.class)
                .hasMessageContaining("no entry header");
        byte[] whole = jdkZip(false);
        for (int cut : new int[] {2, 10, 35, 60, 200}) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> read(part)).as("cut at " + cut).isInstanceOf(IOException.class)
                    .hasMessageContaining("ends inside");
        }
        byte[] corrupt = jdkZip(false);
        for (int i = 40; i < 60; i++) {
            corrupt[i] ^= 0x5a; // inside the first entry's deflated data
        }
        assertThatThrownBy(() -> read(corrupt)).isInstanceOf(IOException.class);
    }

    @Test
    void randomDamageNeverHangsOrFailsOtherwiseThanWithAnIoError() throws Exception {
        byte[] whole = jdkZip(false);
        Random random = new Random(20261207);
        for (int round = 0; round < 3_000; round++) {
            byte[] damaged = whole.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            byte[] input = random.nextBoolean() ? damaged
                    : java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
            try {
                read(input);
            } catch (IOException expected) {
                // a clear error is fine; anything else (or a hang) fails the test
            }
        }
    }

    private static void le16(ByteArrayOutputStream o, int v) {
        o.write(v & 0xff);
        o.write(v >>> 8 & 0xff);
    }

    private static void le32(ByteArrayOutputStream o, int v) {
        le16(o, v & 0xffff);
        le16(o, v >>> 16 & 0xffff);
    }

    private static void le64(ByteArrayOutputStream o, long v) {
        le32(o, (int) v);
        le32(o, (int) (v >>> 32));
    }
}
