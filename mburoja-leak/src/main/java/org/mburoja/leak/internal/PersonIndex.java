package org.mburoja.leak.internal;

import java.util.Arrays;

/**
 * Counts people: exactly by personal number, and for records without one by linking keys (name + birth date, name +
 * phone, name + e-mail). A record without NID whose key was seen on a record with a NID is that person; the others
 * are grouped among themselves (union-find over shared keys) and each group is one more person.
 *
 * <p>Memory grows with the number of people, not with the size of the dump: 8 bytes per distinct NID and per linking
 * key (about 40 bytes per person with the hash tables' slack), plus 80 bytes per record without NID. A dump of
 * four million people needs about 160 MB here, which is why the CLI documents a larger heap for such dumps.
 */
public final class PersonIndex {

    private final LongHashSet nids = new LongHashSet();
    private final LongHashSet linked = new LongHashSet();
    private long[] orphans = new long[KEYS * 256];
    private long[] attributes = new long[KEYS * 256];
    private int orphanCount;

    /** Linking keys per record: name + birth date, phone, e-mail, IBAN, and the name alone (weakest, last). */
    public static final int KEYS = 5;

    /** A record with a valid NID and its linking keys (0 for absent). */
    public void person(long nid, long[] keys) {
        nids.add(nid);
        for (long k : keys) {
            if (k != 0) {
                linked.add(k);
            }
        }
    }

    /**
     * A record without NID. The name-only key (last) is used only when no stronger key is present, so two people
     * of the same name are kept apart whenever the dump says more about them.
     */
    public void orphan(long[] keys, long[] attrs) {
        if (orphanCount * KEYS + KEYS > orphans.length) {
            orphans = Arrays.copyOf(orphans, orphans.length * 2);
            attributes = Arrays.copyOf(attributes, orphans.length);
        }
        System.arraycopy(attrs, 0, attributes, orphanCount * KEYS, KEYS - 1);
        System.arraycopy(keys, 0, orphans, orphanCount * KEYS, KEYS);
        orphanCount++;
    }

    public long distinctNids() {
        return nids.size();
    }

    /**
     * Distinct NIDs plus the people among records without NID. Such a record is a known person when one of its keys
     * was seen with a NID. The rest are grouped by name: two records of the same name are one person unless they
     * disagree on a birth date, phone, e-mail or IBAN (each record's attributes are the keys without the name, which
     * {@link #orphan} keeps in {@code attributes}).
     */
    public long distinctPersons() {
        java.util.HashMap<Long, java.util.List<long[]>> byName = new java.util.HashMap<>();
        long people = 0;
        for (int r = 0; r < orphanCount; r++) {
            int o = r * KEYS;
            boolean isLinked = false;
            for (int k = 0; k < KEYS && !isLinked; k++) {
                isLinked = orphans[o + k] != 0 && linked.contains(orphans[o + k]);
            }
            if (isLinked) {
                continue;
            }
            long[] profile = Arrays.copyOfRange(attributes, o, o + KEYS - 1);
            java.util.List<long[]> same = byName.computeIfAbsent(orphans[o + KEYS - 1], n -> new java.util.ArrayList<>());
            long[] match = null;
            for (long[] p : same) {
                boolean compatible = true;
                for (int k = 0; k < profile.length && compatible; k++) {
                    compatible = p[k] == 0 || profile[k] == 0 || p[k] == profile[k];
                }
                if (compatible) {
                    match = p;
                    break;
                }
            }
            if (match == null) {
                same.add(profile);
                people++;
            } else {
                for (int k = 0; k < profile.length; k++) {
                    match[k] = match[k] == 0 ? profile[k] : match[k];
                }
            }
        }
        return nids.size() + people;
    }

    public long footprintBytes() {
        return nids.footprintBytes() + linked.footprintBytes() + orphans.length * 8L;
    }
}
