package org.mburoja.leak.internal;

import org.mburoja.leak.ColumnRole;
import org.mburoja.leak.EntityType;
import org.mburoja.leak.Iban;
import org.mburoja.leak.PersonalNumber;

/**
 * The hot path: one left-to-right pass over the bytes of a cell or a line. A 256-entry class table skips everything
 * that cannot start an entity; an alphanumeric run is then dispatched on its first byte and length to the few shapes
 * it can have (NID/NIPT, IBAN, phone, card, plate, secret), each checked with fixed-offset byte tests and its check
 * digits. There is no regular expression, no backtracking, and no allocation per byte or per candidate; every
 * position is visited a bounded number of times (grouped forms look ahead at most 40 bytes).
 *
 * <p>Prose mode adds the context recognisers for values without check digits (names from the dictionary, birth dates
 * after "lindur", amounts followed by "lekë" or after "pagë", "preferenca:"), scored by the distance to the keyword.
 */
public final class TokenScanner {

    static final byte OTHER = 0;
    static final byte DIGIT = 1;
    static final byte UPPER = 2;
    static final byte LOWER = 3;
    static final byte PLUS = 4;
    static final byte AT = 5;
    static final byte DOLLAR = 6;
    static final byte DASH = 7;
    static final byte[] CLS = new byte[256];
    /** {@code 1 << class} for letters and digits, 0 for everything else: one load and one test per byte of a run. */
    static final int[] WORD_BIT = new int[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            CLS[c] = DIGIT;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            CLS[c] = UPPER;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLS[c] = LOWER;
        }
        for (int c = 0x80; c < 256; c++) {
            CLS[c] = LOWER;
        }
        for (int c = 0; c < 256; c++) {
            WORD_BIT[c] = CLS[c] >= DIGIT && CLS[c] <= LOWER ? 1 << CLS[c] : 0;
        }
        CLS['+'] = PLUS;
        CLS['@'] = AT;
        CLS['$'] = DOLLAR;
        CLS['-'] = DASH;
    }

    /** A keyword counts for a value that starts at most this many bytes after it. */
    private static final int KEYWORD_REACH = 40;

    private final FileTally tally;
    private final NameDictionary names;
    private final SecretShapes secrets;
    private final PhoneShapes phones;
    private final byte[] scratch = new byte[40];
    private final long[] amount = new long[1];
    private final int latestYear;
    private final int latestYmd;
    boolean utf8 = true;

    private ColumnRole role;
    private boolean prose;
    private int birthKw;
    private int salaryKw;
    private int streetKw;
    private int nameEnd;

    public TokenScanner(FileTally tally, NameDictionary names, int latestYear, int latestYmd) {
        this.tally = tally;
        this.names = names;
        this.latestYear = latestYear;
        this.latestYmd = latestYmd;
        this.secrets = new SecretShapes(tally);
        this.phones = new PhoneShapes(tally);
    }

    static boolean word(int c) {
        byte k = CLS[c & 0xff];
        return k >= DIGIT && k <= LOWER;
    }

    static boolean end(byte[] b, int p, int to) {
        return p >= to || !word(b[p]);
    }

    /** Scans {@code b[from, to)}; {@code prose} turns on the context recognisers for free text. */
    public void scan(byte[] b, int from, int to, ColumnRole role, boolean prose) {
        this.role = role;
        this.prose = prose;
        birthKw = salaryKw = streetKw = nameEnd = Integer.MIN_VALUE / 2;
        int i = from;
        while (i < to) {
            byte k = CLS[b[i] & 0xff];
            if (k == OTHER) {
                i++;
                continue;
            }
            switch (k) {
                case PLUS -> i = phones.plus(b, i, from, to);
                case AT -> {
                    email(b, i, from, to);
                    i++;
                }
                case DOLLAR -> i = secrets.dollar(b, i, from, to);
                case DASH -> i = secrets.dash(b, i, to);
                default -> {
                    int j = i + 1;
                    int mask = 1 << k;
                    while (j < to) {
                        int w = WORD_BIT[b[j] & 0xff];
                        if (w == 0) {
                            break;
                        }
                        mask |= w;
                        j++;
                    }
                    i = switch (k) {
                        case DIGIT -> digits(b, i, j, to, mask);
                        case UPPER -> upper(b, i, j, to, mask);
                        default -> lower(b, i, j, to);
                    };
                }
            }
        }
    }

    private int digits(byte[] b, int i, int j, int to, int mask) {
        int n = j - i;
        if (mask != 1 << DIGIT) {
            if (n == 10 && PersonalNumber.hasShape(b, i)) {
                personalNumber(b, i);
            }
            return j;
        }
        if (b[i] == '0') {
            if (n == 10 && b[i + 1] == '6' && mobileSecond(b[i + 2])) {
                tally.phone(355_000_000_000L + digitsValue(b, i + 1, j), b, i, j);
                return j;
            }
            if (n == 14 && b[i + 1] == '0' && b[i + 2] == '3' && b[i + 3] == '5' && b[i + 4] == '5'
                    && PhoneShapes.albanianNational(b, i + 5, j)) {
                tally.phone(355_000_000_000L + digitsValue(b, i + 5, j), b, i, j);
                return j;
            }
            if (n == 3 && b[i + 1] == '6' && mobileSecond(b[i + 2]) && group(b, j, to, 3) && group(b, j + 4, to, 4)) {
                long v = 355_000_000_000L + digitsValue(b, i + 1, j) * 10_000_000L + digitsValue(b, j + 1, j + 4) * 10_000L
                        + digitsValue(b, j + 5, j + 9);
                tally.phone(v, b, i, j + 9);
                return j + 9;
            }
            if (role == ColumnRole.PHONE && (n == 9 || n == 10) && b[i + 1] != '0') {
                tally.phone(355_000_000_000L + digitsValue(b, i + 1, j), b, i, j);
                return j;
            }
        }
        if (role == ColumnRole.PHONE && n == 9 && b[i] == '6' && mobileSecond(b[i + 1])) {
            tally.phone(355_000_000_000L + digitsValue(b, i, j), b, i, j);
            return j;
        }
        if (n >= 13 && n <= 19) {
            if (PaymentCard.isCard(b, i, j)) {
                tally.entity(EntityType.PAYMENT_CARD, b, i, j);
            }
            return j;
        }
        if (n == 4 && (b[i] == '3' || b[i] == '4' || b[i] == '5' || b[i] == '6')) {
            int e = PaymentCard.grouped(b, i, to, scratch);
            if (e > 0) {
                tally.entity(EntityType.PAYMENT_CARD, b, i, e);
                return e;
            }
        }
        if (prose) {
            return proseNumber(b, i, j, to);
        }
        return j;
    }

    private int proseNumber(byte[] b, int i, int j, int to) {
        int n = j - i;
        if ((n == 4 || n == 2) && j < to && (b[j] == '-' || b[j] == '.' || b[j] == '/')) {
            long d = ValueShapes.date(b, i, to, latestYear);
            if (d >= 0) {
                int e = (int) (d >>> 32);
                if (end(b, e, to) && !ValueShapes.followedByTime(b, e, to)) {
                    boolean nearName = i - nameEnd <= 3 && i > 0 && b[i - 1] == '(';
                    if (i - birthKw <= KEYWORD_REACH || nearName) {
                        tally.birthDate((int) d, b, i, e);
                    }
                }
                return e;
            }
        }
        if (n <= 9) {
            int e = ValueShapes.amount(b, i, to, amount);
            if (e > 0 && end(b, e, to) && amount[0] >= 1000 && amount[0] <= 100_000_000L) {
                int c = ValueShapes.currency(b, e, to);
                if (c > 0 || i - salaryKw <= KEYWORD_REACH / 2) {
                    tally.entity(EntityType.SALARY, b, i, e);
                    salaryKw = Integer.MIN_VALUE / 2;
                    return c > 0 ? c : e;
                }
            }
        }
        return j;
    }

    private int upper(byte[] b, int i, int j, int to, int mask) {
        int n = j - i;
        if (n == 10 && PersonalNumber.hasShape(b, i)) {
            personalNumber(b, i);
            return j;
        }
        if (n >= 4 && CLS[b[i + 1] & 0xff] == UPPER && CLS[b[i + 2] & 0xff] == DIGIT && CLS[b[i + 3] & 0xff] == DIGIT) {
            int e = iban(b, i, j, to);
            if (e > 0) {
                return e;
            }
        }
        if (n == 2 && CLS[b[i + 1] & 0xff] == UPPER) {
            int e = PlateShapes.spaced(b, i, to);
            if (e > 0) {
                tally.entity(EntityType.PLATE, b, i, e);
                return e;
            }
        } else if (n == 7 && PlateShapes.compact(b, i)) {
            tally.entity(EntityType.PLATE, b, i, j);
            return j;
        } else if (n == 20 && SecretShapes.awsKey(b, i)) {
            tally.entity(EntityType.SECRET, b, i, j);
            return j;
        } else if (n >= 4 && b[i] == 'A' && b[i + 1] == 'I' && b[i + 2] == 'z' && b[i + 3] == 'a') {
            return secrets.googleKey(b, i, to);
        }
        if (mask == (1 << UPPER | 1 << LOWER) || mask == 1 << UPPER) {
            return words(b, i, j, to);
        }
        return j;
    }

    private int lower(byte[] b, int i, int j, int to) {
        int n = j - i;
        if (n <= 4 && j < to && (b[j] == '_' || b[j] == '-')) {
            int e = secrets.token(b, i, j, to);
            if (e > 0) {
                return e;
            }
        }
        if (n >= 2 && n <= 22) {
            return words(b, i, j, to);
        }
        return j;
    }

    /** Letter words: keywords in any mode, person names in prose. */
    private int words(byte[] b, int i, int j, int to) {
        if (!prose) {
            if (j - i < 2 || !ProseKeyword.mayBePassword(b, i)) {
                return j;
            }
            long h = TextFold.hash(b, i, j, utf8);
            return ProseKeyword.of(h) == ProseKeyword.PASSWORD ? secrets.credentialAfterKeyword(b, j, to) : j;
        }
        boolean keyword = j - i >= 2 && ProseKeyword.mayBe(b, i);
        // the dictionary last: most capitalised words are not followed by a capitalised one
        boolean name = CLS[b[i] & 0xff] == UPPER && j + 2 < to && b[j] == ' ' && CLS[b[j + 1] & 0xff] == UPPER
                && i - streetKw > 2;
        if (!keyword && !name) {
            return j;
        }
        long h = TextFold.hash(b, i, j, utf8);
        switch (keyword ? ProseKeyword.of(h) : ProseKeyword.NONE) {
            case PASSWORD -> {
                return secrets.credentialAfterKeyword(b, j, to);
            }
            case BIRTH -> birthKw = j;
            case SALARY -> salaryKw = j;
            case STREET -> streetKw = j;
            case POLITICAL -> {
                return politicalAfterKeyword(b, j, to);
            }
            case NONE -> {
                if (name && names.isFirstName(h)) {
                    int k = j + 2;
                    while (k < to && CLS[b[k] & 0xff] == LOWER) {
                        k++;
                    }
                    if (end(b, k, to)) {
                        long last = TextFold.hash(b, j + 1, k, utf8);
                        if (names.isSurname(last)) {
                            tally.personName(h, last, b, i, k);
                            nameEnd = k;
                            return k;
                        }
                    }
                }
            }
        }
        return j;
    }

    private int politicalAfterKeyword(byte[] b, int p, int to) {
        int q = p;
        while (q < to && b[q] == ' ') {
            q++;
        }
        if (q < to && (b[q] == ':' || b[q] == '=')) {
            q++;
            while (q < to && b[q] == ' ') {
                q++;
            }
            int e = q;
            while (e < to && b[e] != ',' && b[e] != ';' && b[e] != '\n' && b[e] != '\r' && b[e] != '|') {
                e++;
            }
            if (e > q) {
                tally.entity(EntityType.POLITICAL_PREFERENCE, b, q, e);
                return e;
            }
        }
        return p;
    }

    private void personalNumber(byte[] b, int i) {
        switch (PersonalNumber.classify(b, i, latestYear, latestYmd)) {
            case NID -> {
                if (role == ColumnRole.NIPT && b[i] >= 'J' && b[i] <= 'M') {
                    tally.entity(EntityType.NIPT, b, i, i + 10);
                } else {
                    tally.nid(b, i);
                }
            }
            case NIPT_BUSINESS -> tally.entity(EntityType.NIPT, b, i, i + 10);
            case INVALID_CHECK_NID -> tally.reject(EntityType.NID, b, i, i + 10);
            case INVALID_CHECK_NIPT -> tally.reject(EntityType.NIPT, b, i, i + 10);
            case NOT_A_NUMBER -> { }
        }
    }

    /** Compact or grouped-by-four IBAN at {@code i}; returns its end, or -1 when it is none. */
    private int iban(byte[] b, int i, int j, int to) {
        int len = Iban.lengthFor(b, i);
        if (len == 0) {
            return -1;
        }
        int n = j - i;
        if (n == len) {
            if (Iban.isValid(b, i, n)) {
                tally.iban(b, i, j);
            } else {
                tally.reject(EntityType.IBAN, b, i, j);
            }
            return j;
        }
        if (n != 4) {
            return -1;
        }
        System.arraycopy(b, i, scratch, 0, 4);
        int got = 4;
        int p = j;
        while (got < len && p + 1 < to && b[p] == ' ') {
            int q = p + 1;
            int g = 0;
            while (q < to && g < 4 && (CLS[b[q] & 0xff] == DIGIT || CLS[b[q] & 0xff] == UPPER)) {
                q++;
                g++;
            }
            if (g == 0 || !end(b, q, to) || got + g > len || (g < 4 && got + g != len)) {
                break;
            }
            System.arraycopy(b, p + 1, scratch, got, g);
            got += g;
            p = q;
        }
        if (got != len) {
            return -1;
        }
        if (Iban.isValid(scratch, 0, len)) {
            tally.iban(b, i, p);
        } else {
            tally.reject(EntityType.IBAN, b, i, p);
        }
        return p;
    }

    private void email(byte[] b, int at, int from, int to) {
        int s = at;
        while (s > from && emailLocal(b[s - 1])) {
            s--;
        }
        if (s == at || (s > from && word(b[s - 1]))) {
            return;
        }
        int e = at + 1;
        int lastDot = -1;
        while (e < to && (word(b[e]) && b[e] > 0 || b[e] == '.' || b[e] == '-')) {
            if (b[e] == '.') {
                lastDot = e;
            }
            e++;
        }
        while (e > at + 1 && (b[e - 1] == '.' || b[e - 1] == '-')) {
            e--;
        }
        if (lastDot < 0 || lastDot >= e - 2 || lastDot == at + 1) {
            return;
        }
        tally.email(b, s, e, at);
    }

    private static boolean emailLocal(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-' || c == '+' || c == '%';
    }

    static boolean mobileSecond(byte c) {
        return c == '7' || c == '8' || c == '9';
    }

    /** A space and exactly {@code k} digits at {@code p}, then a boundary. */
    static boolean group(byte[] b, int p, int to, int k) {
        if (p >= to || b[p] != ' ' || p + 1 + k > to) {
            return false;
        }
        for (int q = p + 1; q <= p + k; q++) {
            if (b[q] < '0' || b[q] > '9') {
                return false;
            }
        }
        return end(b, p + 1 + k, to);
    }

    static long digitsValue(byte[] b, int s, int e) {
        long v = 0;
        for (int q = s; q < e; q++) {
            v = v * 10 + (b[q] - '0');
        }
        return v;
    }
}
