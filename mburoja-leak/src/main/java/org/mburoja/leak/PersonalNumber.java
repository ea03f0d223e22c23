package org.mburoja.leak;

import java.time.LocalDate;

/**
 * The Albanian personal number (NID, "numri personal") and the NIPT tax number, which share one shape: ten characters,
 * a decade character, eight digits and a check letter over {@code WABCDEFGHIJKLMNOPQRSTUV} with weights
 * 1,1,2,3,4,5,6,7,8. Everything here works on bytes in place and allocates nothing, because it runs on every
 * NID-shaped token of a multi-gigabyte dump.
 *
 * <p>Limits: the check letter catches every single-character error but not every transposition; a NIPT of a natural
 * person is that person's NID, so it is only told apart from a NID by the column or words around it.
 */
public final class PersonalNumber {

    /** W=0, A=1 ... V=22. */
    static final String CHECK_ALPHABET = "WABCDEFGHIJKLMNOPQRSTUV";
    private static final int[] VALUE = new int[128];
    private static final int[] WEIGHTS = {1, 1, 2, 3, 4, 5, 6, 7, 8};
    private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int d = 0; d < 10; d++) {
            VALUE['0' + d] = d;
        }
        for (int i = 0; i < CHECK_ALPHABET.length(); i++) {
            VALUE[CHECK_ALPHABET.charAt(i)] = i;
        }
    }

    /** What a valid ten-character token is. */
    public enum Kind { NID, NIPT_BUSINESS, INVALID_CHECK_NID, INVALID_CHECK_NIPT, NOT_A_NUMBER }

    /** A decoded personal number. {@code foreignResident} for months 31-42 and 81-92. */
    public record Decoded(LocalDate birthDate, boolean female, boolean foreignResident) {
    }

    private PersonalNumber() {
    }

    /**
     * Classifies the ten bytes at {@code s}: a NID has a possible birth date (not after {@code latestYear}), a
     * business NIPT starts with J-M and has no birth date in chars 3-6. The caller has checked the shape (first char
     * digit or A-T, eight digits, upper-case letter).
     */
    public static Kind classify(byte[] b, int s, int latestYear, int latestYyyymmdd) {
        int first = b[s];
        int decadeBase;
        if (first >= '0' && first <= '9') {
            decadeBase = 1800 + (first - '0') * 10;
        } else if (first >= 'A' && first <= 'T') {
            decadeBase = 1900 + (first - 'A') * 10;
        } else {
            return Kind.NOT_A_NUMBER;
        }
        boolean checkOk = checkLetterMatches(b, s);
        int year = decadeBase + (b[s + 1] - '0');
        int mm = (b[s + 2] - '0') * 10 + (b[s + 3] - '0');
        int dd = (b[s + 4] - '0') * 10 + (b[s + 5] - '0');
        int month = birthMonth(mm);
        boolean date = month > 0 && dd >= 1 && dd <= daysIn(month, year)
                && year * 10000 + month * 100 + dd <= latestYyyymmdd && year <= latestYear;
        if (date) {
            return checkOk ? Kind.NID : Kind.INVALID_CHECK_NID;
        }
        if (first >= 'J' && first <= 'M') {
            return checkOk ? Kind.NIPT_BUSINESS : Kind.INVALID_CHECK_NIPT;
        }
        return Kind.NOT_A_NUMBER;
    }

    static boolean checkLetterMatches(byte[] b, int s) {
        int sum = 0;
        for (int k = 0; k < 9; k++) {
            int c = b[s + k];
            int v = c < 128 ? VALUE[c] : -1;
            if (v < 0) {
                return false;
            }
            sum += v * WEIGHTS[k];
        }
        int r = sum % 23;
        int check = b[s + 9];
        return check == CHECK_ALPHABET.charAt(r) || (r == 0 && check == 'A');
    }

    /** The calendar month for a month field (01-12, 51-62 women, 31-42 and 81-92 foreign residents), else 0. */
    static int birthMonth(int mm) {
        if (mm >= 1 && mm <= 12) {
            return mm;
        }
        if (mm >= 51 && mm <= 62) {
            return mm - 50;
        }
        if (mm >= 31 && mm <= 42) {
            return mm - 30;
        }
        if (mm >= 81 && mm <= 92) {
            return mm - 80;
        }
        return 0;
    }

    public static int daysIn(int month, int year) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return DAYS[month - 1];
    }

    /** Decodes a valid NID given as a string; {@code null} when it is not one. */
    public static Decoded decode(String nid) {
        if (nid == null || nid.length() != 10) {
            return null;
        }
        byte[] b = nid.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (!hasShape(b, 0)) {
            return null;
        }
        LocalDate today = LocalDate.now();
        int latest = today.getYear() * 10000 + today.getMonthValue() * 100 + today.getDayOfMonth();
        if (classify(b, 0, today.getYear(), latest) != Kind.NID) {
            return null;
        }
        int first = b[0];
        int year = (first <= '9' ? 1800 + (first - '0') * 10 : 1900 + (first - 'A') * 10) + (b[1] - '0');
        int mm = (b[2] - '0') * 10 + (b[3] - '0');
        int dd = (b[4] - '0') * 10 + (b[5] - '0');
        return new Decoded(LocalDate.of(year, birthMonth(mm), dd), mm > 50, (mm >= 31 && mm <= 42) || mm >= 81);
    }

    /** First char digit or A-T, eight digits, an upper-case letter. */
    public static boolean hasShape(byte[] b, int s) {
        int f = b[s];
        if (!((f >= '0' && f <= '9') || (f >= 'A' && f <= 'T'))) {
            return false;
        }
        for (int k = 1; k < 9; k++) {
            int c = b[s + k];
            if (c < '0' || c > '9') {
                return false;
            }
        }
        int l = b[s + 9];
        return l >= 'A' && l <= 'Z';
    }

    /** Codes of chars 1-9 read as one number: the decade character as 0-29 (0-9, A-T), then eight digits. */
    static final long PLAIN_CODES = 3_000_000_000L;

    /**
     * The NID at {@code s} (one {@link #classify} calls {@link Kind#NID}: its check letter matches) as a 32-bit code,
     * to be read as unsigned and never 0, for exact distinct counting in 4 bytes. The check letter follows from chars
     * 1-9 except for remainder 0, where both W and A are written: then an A is coded apart, as
     * {@link #PLAIN_CODES} plus chars 1-8 (the ninth follows, because its weight 8 is invertible modulo 23, so at most
     * one of the ten digits gives remainder 0). So two NIDs get the same code only if they are the same ten
     * characters; the largest code is 3.3e9 + 1, below 2^32.
     */
    public static int code(byte[] b, int s) {
        int f = b[s];
        int digits = 0;
        for (int k = 1; k < 9; k++) {
            digits = digits * 10 + (b[s + k] - '0');
        }
        long plain = (f <= '9' ? f - '0' : f - 'A' + 10) * 100_000_000L + digits;
        if (b[s + 9] == 'A' && checkSum(b, s) % 23 == 0) {
            return (int) (PLAIN_CODES + plain / 10 + 1);
        }
        return (int) (plain + 1);
    }

    /** The weighted sum of chars 1-9 (decade 0-9 and A-T, eight digits) that the check letter is taken from. */
    private static int checkSum(byte[] b, int s) {
        int sum = 0;
        for (int k = 0; k < 9; k++) {
            sum += VALUE[b[s + k]] * WEIGHTS[k];
        }
        return sum;
    }
}
