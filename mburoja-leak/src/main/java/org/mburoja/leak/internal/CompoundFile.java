package org.mburoja.leak.internal;

import static org.mburoja.leak.internal.XlsBook.le64;
import static org.mburoja.leak.internal.XlsBook.u16;
import static org.mburoja.leak.internal.XlsBook.u32;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * OLE2's little file system (the compound file of Office 97-2003: .xls, .doc, .msg, .ppt): sectors in any order, their
 * allocation table, a directory of streams, and a mini stream for the small ones. Read from the whole file in memory;
 * every chain is checked for loops and sectors outside the file.
 */
final class CompoundFile {

    static final long SIGNATURE = 0xE11AB1A1E011CFD0L; // D0 CF 11 E0 A1 B1 1A E1, little-endian
    private static final int END_OF_CHAIN = 0xFFFFFFFE;
    private static final int FREE = 0xFFFFFFFF;

    /** A problem of the file's structure. */
    static final class Broken extends Exception {
        Broken(String what) {
            super(what);
        }
    }

    private final byte[] f;
    private final int shift;
    private final int[] fat;
    private final int miniCutoff;
    private final byte[] directory;

    CompoundFile(byte[] f) throws Broken {
        this.f = f;
        if (f.length < 512 || le64(f, 0) != SIGNATURE) {
            throw new Broken("no OLE2 signature");
        }
        shift = u16(f, 0x1E);
        if (shift != 9 && shift != 12) {
            throw new Broken("sector size 2^" + shift);
        }
        long fatSectors = u32(f, 0x2C);
        if (fatSectors > f.length >> shift) {
            throw new Broken("more allocation-table sectors (" + fatSectors + ") than the file holds");
        }
        // the allocation table's sectors: 109 in the header, the rest in a chain of DIFAT sectors
        int[] fatList = new int[(int) fatSectors];
        int n = 0;
        for (int i = 0; i < 109 && n < fatList.length; i++) {
            fatList[n++] = (int) u32(f, 0x4C + 4 * i);
        }
        int difat = (int) u32(f, 0x44);
        int perDifat = (1 << shift) / 4 - 1;
        int guard = 0;
        while (n < fatList.length && difat != END_OF_CHAIN && difat != FREE) {
            int off = offset(difat);
            for (int i = 0; i < perDifat && n < fatList.length; i++) {
                fatList[n++] = (int) u32(f, off + 4 * i);
            }
            difat = (int) u32(f, off + 4 * perDifat);
            if (++guard > fatList.length) {
                throw new Broken("the DIFAT chain loops");
            }
        }
        int perSector = 1 << (shift - 2);
        fat = new int[n * perSector];
        for (int i = 0; i < n; i++) {
            int off = offset(fatList[i]);
            for (int k = 0; k < perSector; k++) {
                fat[i * perSector + k] = (int) u32(f, off + 4 * k);
            }
        }
        miniCutoff = (int) Math.min(u32(f, 0x38), Integer.MAX_VALUE);
        directory = chain((int) u32(f, 0x30), -1);
    }

    /** A stream of the file: its path of storages ("__attach_version1.0_#00000000/__substg1.0_37010102"). */
    record Stream(String path, String name, String storage, byte[] data) {
    }

    /**
     * Every stream of the file with its storage, found by walking the directory's tree (each storage's children are a
     * tree of siblings); a stream that cannot be read is left out and said in {@code problems}.
     */
    List<Stream> streams(List<String> problems) throws Broken {
        int entries = directory.length / 128;
        String[] parent = new String[entries];
        int rootEntry = -1;
        for (int i = 0; i < entries; i++) {
            if (directory[i * 128 + 0x42] == 5) {
                rootEntry = i;
                break;
            }
        }
        if (rootEntry < 0) {
            throw new Broken("no root entry");
        }
        // storages breadth first: each child tree walked with an explicit stack, every entry visited once
        boolean[] seen = new boolean[entries];
        java.util.ArrayDeque<int[]> storages = new java.util.ArrayDeque<>(); // [entry, depth]
        storages.add(new int[] {rootEntry, 0});
        seen[rootEntry] = true;
        String[] path = new String[entries];
        path[rootEntry] = "";
        List<Integer> streamEntries = new ArrayList<>();
        while (!storages.isEmpty()) {
            int[] st = storages.poll();
            int child = (int) u32(directory, st[0] * 128 + 0x4C);
            java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
            if (child >= 0 && child < entries) {
                stack.push(child);
            }
            while (!stack.isEmpty()) {
                int c = stack.pop();
                if (c < 0 || c >= entries || seen[c]) {
                    continue;
                }
                seen[c] = true;
                int e = c * 128;
                parent[c] = path[st[0]];
                path[c] = (path[st[0]].isEmpty() ? "" : path[st[0]] + "/") + name(e);
                int type = directory[e + 0x42];
                if (type == 1 && st[1] < 16) {
                    storages.add(new int[] {c, st[1] + 1});
                } else if (type == 2) {
                    streamEntries.add(c);
                }
                stack.push((int) u32(directory, e + 0x44));
                stack.push((int) u32(directory, e + 0x48));
            }
        }
        byte[] root = null;
        List<Stream> out = new ArrayList<>();
        for (int c : streamEntries) {
            int e = c * 128;
            long size = u32(directory, e + 0x78);
            int start = (int) u32(directory, e + 0x74);
            try {
                byte[] data;
                if (size < miniCutoff) {
                    if (root == null) {
                        root = rootStream(entries);
                    }
                    data = mini(root, start, size);
                } else {
                    data = chain(start, size);
                }
                out.add(new Stream(path[c], name(e), parent[c], data));
            } catch (Broken b) {
                problems.add("stream " + path[c] + " not read (" + b.getMessage() + ")");
            }
        }
        return out;
    }

    /** The first stream of these names (any case), or null. */
    byte[] stream(String... names) throws Broken {
        int entries = directory.length / 128;
        byte[] root = null;
        for (String wanted : names) {
            for (int i = 0; i < entries; i++) {
                int e = i * 128;
                int type = directory[e + 0x42];
                if (type == 5 && root == null) {
                    root = chain((int) u32(directory, e + 0x74), u32(directory, e + 0x78));
                }
                if (type != 2 || !wanted.equalsIgnoreCase(name(e))) {
                    continue;
                }
                long size = u32(directory, e + 0x78);
                int start = (int) u32(directory, e + 0x74);
                if (size < miniCutoff) {
                    if (root == null) {
                        root = rootStream(entries);
                    }
                    return mini(root, start, size);
                }
                return chain(start, size);
            }
        }
        return null;
    }

    private byte[] rootStream(int entries) throws Broken {
        for (int i = 0; i < entries; i++) {
            int e = i * 128;
            if (directory[e + 0x42] == 5) {
                return chain((int) u32(directory, e + 0x74), u32(directory, e + 0x78));
            }
        }
        throw new Broken("no root entry");
    }

    private String name(int e) {
        int len = Math.min(u16(directory, e + 0x40), 64);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < len - 1; i += 2) {
            b.append((char) u16(directory, e + i));
        }
        return b.toString();
    }

    /** A chain of sectors from {@code start}; {@code size} bytes of it, or all when size is -1. */
    private byte[] chain(int start, long size) throws Broken {
        if (size > f.length) {
            throw new Broken("a stream of " + size + " bytes in a file of " + f.length);
        }
        int sector = 1 << shift;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? (int) size : sector);
        int s = start;
        int guard = 0;
        while (s != END_OF_CHAIN && (size < 0 || out.size() < size)) {
            if (s < 0 || s >= fat.length) {
                throw new Broken("sector " + Integer.toUnsignedString(s) + " is outside the allocation table");
            }
            int off = offset(s);
            out.write(f, off, (int) Math.min(sector, size < 0 ? sector : size - out.size()));
            s = fat[s];
            if (++guard > fat.length) {
                throw new Broken("a sector chain loops");
            }
        }
        if (size >= 0 && out.size() < size) {
            throw new Broken("a stream ends " + (size - out.size()) + " bytes short");
        }
        return out.toByteArray();
    }

    /** A small stream: 64-byte sectors of the root's mini stream, chained by the mini allocation table. */
    private byte[] mini(byte[] root, int start, long size) throws Broken {
        byte[] table = chain((int) u32(f, 0x3C), -1);
        int[] minifat = new int[table.length / 4];
        for (int i = 0; i < minifat.length; i++) {
            minifat[i] = (int) u32(table, 4 * i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
        int s = start;
        int guard = 0;
        while (s != END_OF_CHAIN && out.size() < size) {
            if (s < 0 || s >= minifat.length || (s + 1) * 64 > root.length) {
                throw new Broken("mini sector " + Integer.toUnsignedString(s) + " is outside the mini stream");
            }
            out.write(root, s * 64, (int) Math.min(64, size - out.size()));
            s = minifat[s];
            if (++guard > minifat.length) {
                throw new Broken("a mini sector chain loops");
            }
        }
        return out.toByteArray();
    }

    private int offset(int sector) throws Broken {
        long off = ((long) sector + 1) << shift;
        if (sector < 0 || off + (1L << shift) > f.length) {
            throw new Broken("sector " + Integer.toUnsignedString(sector) + " is past the end of the file");
        }
        return (int) off;
    }
}
