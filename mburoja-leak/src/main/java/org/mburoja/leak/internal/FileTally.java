package org.mburoja.leak.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mburoja.leak.ColumnRole;
import org.mburoja.leak.EntityListener;
import org.mburoja.leak.EntityType;
import org.mburoja.leak.PersonalNumber;

/**
 * Everything counted for one file: occurrences and rejected look-alikes per entity type, a few masked samples, and
 * the person being assembled from the current record (row, JSON object, SQL tuple, prose line) for the person count.
 * Format readers feed it cells with their column role, or prose lines; it owns the {@link TokenScanner}.
 */
public final class FileTally {

    private static final int SAMPLES = 3;
    /** ASCII letters and digits, for {@link #alnumHash}. */
    private static final boolean[] ALNUM = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            ALNUM[c] = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        }
    }

    private final String file;
    private final long[] found = new long[EntityType.values().length];
    private final long[] rejected = new long[EntityType.values().length];
    private final List<List<String>> samples = new ArrayList<>();
    private final PersonIndex persons;
    private final EntityListener listener;
    private final TokenScanner scanner;
    private final long[] amount = new long[1];
    private final int[] sampled = new int[EntityType.values().length];
    private final int latestYear;
    private Charset charset = StandardCharsets.UTF_8;
    private boolean utf8 = true;
    private long records;

    private int nid;
    private final long[] noAttributes = new long[PersonIndex.ATTRIBUTES];
    private long first;
    private long last;
    private int dob;
    private long phone;
    private long iban;
    private long plate;
    private final long[] attrs = new long[PersonIndex.ATTRIBUTES];
    private int nameCells;
    /** The first-name and surname cells' text, kept only for a listener. */
    private String firstText;
    private String lastText;
    private final NameDictionary names;

    public FileTally(String file, EntityListener listener, NameDictionary names,
                     int latestYear, int latestYmd) {
        this(file, listener, names, latestYear, latestYmd, new PersonIndex());
    }

    /** With the (empty) person index of this file, e.g. {@link PersonIndex#forFile()} of the scan's index. */
    public FileTally(String file, EntityListener listener, NameDictionary names,
                     int latestYear, int latestYmd, PersonIndex persons) {
        this.file = file;
        this.persons = persons;
        this.listener = listener;
        this.latestYear = latestYear;
        this.names = names;
        this.scanner = new TokenScanner(this, names, latestYear, latestYmd);
        for (int k = 0; k < found.length; k++) {
            samples.add(new ArrayList<>(SAMPLES));
        }
    }

    /** Tells how bytes above 0x7F are to be read (UTF-8, or a single-byte Latin code page). */
    public void encoding(Charset cs) {
        charset = cs;
        utf8 = cs.equals(StandardCharsets.UTF_8);
        scanner.utf8 = utf8;
    }

    public int latestYear() {
        return latestYear;
    }

    /** The first names and surnames the recognisers know. */
    NameDictionary names() {
        return names;
    }

    public boolean utf8() {
        return utf8;
    }

    public void beginRecord() {
        first = last = phone = iban = plate = 0;
        nid = dob = nameCells = 0;
        firstText = lastText = null;
    }

    /** Ends the current record: counts a name from first-name and surname cells and files the person. */
    public void endRecord() {
        if (nameCells == 3) {
            found[EntityType.PERSON_NAME.ordinal()]++;
            if (listener != null) {
                listener.found(file, records + 1, EntityType.PERSON_NAME, firstText + " " + lastText, true);
            }
        }
        records++;
        long name = 0;
        if (first != 0 || last != 0) {
            name = TextFold.combine(first, last);
        }
        attrs[0] = dob;
        attrs[1] = phone;
        attrs[2] = iban;
        attrs[3] = plate;
        if (nid != 0) {
            persons.person(nid, name, attrs);
        } else if (name != 0) {
            persons.orphan(name, attrs);
        }
    }

    /** A cell of a structured record, with the role of its column. */
    public void cell(ColumnRole role, byte[] b, int s, int e) {
        cell(role, b, s, e, false);
    }

    /**
     * A labelled value of a paste ({@code Tel: 069 123 4567 (Mirela Dervishi)}): a cell of its role whose text is
     * also scanned with the prose recognisers, as pasted values carry words around them that a table's cells do not.
     */
    public void labelled(ColumnRole role, byte[] b, int s, int e) {
        cell(role, b, s, e, true);
    }

    private void cell(ColumnRole role, byte[] b, int s, int e, boolean prose) {
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t' || b[e - 1] == '\r')) {
            e--;
        }
        if (s == e) {
            return;
        }
        switch (role) {
            case FIRST_NAME -> {
                first = TextFold.hash(b, s, e, utf8);
                nameCells |= 1;
                if (listener != null) {
                    firstText = new String(b, s, e - s, charset);
                }
            }
            case LAST_NAME -> {
                last = TextFold.hash(b, s, e, utf8);
                nameCells |= 2;
                if (listener != null) {
                    lastText = new String(b, s, e - s, charset);
                }
            }
            case FULL_NAME -> fullName(b, s, e);
            case FATHER_NAME, CITY -> { }
            case BIRTH_DATE -> {
                long d = ValueShapes.date(b, s, e, latestYear);
                if (d >= 0) {
                    birthDate((int) d, b, s, (int) (d >>> 32));
                }
            }
            case SALARY -> {
                if (ValueShapes.isAmountCell(b, s, e, amount) && amount[0] > 0) {
                    entity(EntityType.SALARY, b, s, e);
                }
            }
            case POLITICAL -> entity(EntityType.POLITICAL_PREFERENCE, b, s, e);
            case PASSWORD -> entity(EntityType.CREDENTIAL, b, s, e);
            case ADDRESS -> {
                entity(EntityType.ADDRESS, b, s, e);
                scanner.scan(b, s, e, role, prose);
            }
            case EMPLOYER -> {
                entity(EntityType.EMPLOYER, b, s, e);
                scanner.scan(b, s, e, role, prose);
            }
            default -> scanner.scan(b, s, e, role, prose);
        }
    }

    /** A line of free text (a paste, a log line, a cell of a table without header). */
    public void prose(byte[] b, int s, int e) {
        scanner.scan(b, s, e, ColumnRole.OTHER, true);
    }

    private void fullName(byte[] b, int s, int e) {
        int sp = e - 1;
        while (sp > s && b[sp] != ' ') {
            sp--;
        }
        if (sp <= s) {
            return;
        }
        first = TextFold.hash(b, s, sp, utf8);
        last = TextFold.hash(b, sp + 1, e, utf8);
        found[EntityType.PERSON_NAME.ordinal()]++;
        if (listener != null) {
            listener.found(file, records + 1, EntityType.PERSON_NAME, new String(b, s, e - s, charset), true);
        }
    }

    // ---- called by the recognisers

    void entity(EntityType t, byte[] b, int s, int e) {
        int k = t.ordinal();
        found[k]++;
        switch (t) {
            case PLATE -> plate = plate == 0 ? alnumHash(b, s, e) : plate;
            default -> { }
        }
        if (sampled[k] < SAMPLES && t != EntityType.SALARY && t != EntityType.POLITICAL_PREFERENCE) {
            sampled[k]++;
            samples.get(k).add(Masking.mask(t, new String(b, s, e - s, charset)));
        }
        if (listener != null) {
            listener.found(file, records + 1, t, new String(b, s, e - s, charset), true);
        }
    }

    void reject(EntityType t, byte[] b, int s, int e) {
        rejected[t.ordinal()]++;
        if (listener != null) {
            listener.found(file, records + 1, t, new String(b, s, e - s, charset), false);
        }
    }

    void iban(byte[] b, int s, int e) {
        entity(EntityType.IBAN, b, s, e);
        if (iban == 0) {
            iban = alnumHash(b, s, e);
        }
    }

    /** Hash of the letters and digits of a value (spacing and case ignored), never 0. */
    static long alnumHash(byte[] b, int s, int e) {
        long h = 1125899906842597L;
        for (int k = s; k < e; k++) {
            int c = b[k];
            if (c >= 0 && ALNUM[c]) {
                h = 31 * h + (c | 0x20);
            }
        }
        return h == 0 ? 1 : h;
    }

    /**
     * A valid personal number. The record's first one names its person (the name and attributes of the record are
     * filed with it); every other distinct one in the record is another person (a spouse, a guarantor, the second
     * person of a prose line) and is filed as a person of its own, without name, so that {@code distinct_nids} holds
     * every distinct valid number of the dump, not only one per record.
     */
    void nid(byte[] b, int s) {
        entity(EntityType.NID, b, s, s + 10);
        int code = PersonalNumber.code(b, s);
        if (nid == 0) {
            nid = code;
        } else if (code != nid) {
            persons.person(code, 0, noAttributes);
        }
    }

    void phone(long number, byte[] b, int s, int e) {
        entity(EntityType.PHONE, b, s, e);
        if (phone == 0) {
            phone = number;
        }
    }

    void email(byte[] b, int s, int e, int at) {
        entity(EntityType.EMAIL, b, s, e);
        int d = e - at - 1;
        if (d >= 6 && (b[e - 7] == '.' || b[e - 7] == '@') && (b[e - 6] | 0x20) == 'g' && (b[e - 5] | 0x20) == 'o'
                && (b[e - 4] | 0x20) == 'v' && b[e - 3] == '.' && (b[e - 2] | 0x20) == 'a'
                && (b[e - 1] | 0x20) == 'l') {
            entity(EntityType.GOV_EMAIL, b, s, e);
        }
    }

    void birthDate(int yyyymmdd, byte[] b, int s, int e) {
        entity(EntityType.BIRTH_DATE, b, s, e);
        if (dob == 0) {
            dob = yyyymmdd;
        }
    }

    void personName(long firstHash, long lastHash, byte[] b, int s, int e) {
        found[EntityType.PERSON_NAME.ordinal()]++;
        if (listener != null) {
            listener.found(file, records + 1, EntityType.PERSON_NAME, new String(b, s, e - s, charset), true);
        }
        if (first == 0) {
            first = firstHash;
            last = lastHash;
        }
    }

    // ---- results

    public String file() {
        return file;
    }

    public long found(EntityType t) {
        return found[t.ordinal()];
    }

    public long rejected(EntityType t) {
        return rejected[t.ordinal()];
    }

    public List<String> samples(EntityType t) {
        return List.copyOf(samples.get(t.ordinal()));
    }

    public long records() {
        return records;
    }

    public PersonIndex persons() {
        return persons;
    }
}
