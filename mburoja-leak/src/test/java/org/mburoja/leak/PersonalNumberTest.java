package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PersonalNumberTest {

    private static PersonalNumber.Kind kind(String v) {
        byte[] b = v.getBytes(StandardCharsets.US_ASCII);
        return PersonalNumber.classify(b, 0, 2026, 20261123);
    }

    @Test
    void acceptsTheIssueExampleWhoseCheckLetterIsW() {
        assertThat(kind("J00101999W")).isEqualTo(PersonalNumber.Kind.NID);
    }

    @Test
    void acceptsAWhereTheRemainderIsZeroBecauseRealNumbersCarryBoth() {
        assertThat(kind("J00101999A")).isEqualTo(PersonalNumber.Kind.NID);
    }

    @Test
    void rejectsAWrongCheckLetter() {
        assertThat(kind("J00101999B")).isEqualTo(PersonalNumber.Kind.INVALID_CHECK_NID);
    }

    @Test
    void decodesBirthDateAndSexOfAWoman() {
        PersonalNumber.Decoded d = PersonalNumber.decode("I45203123S");
        assertThat(d.birthDate()).isEqualTo(LocalDate.of(1984, 2, 3));
        assertThat(d.female()).isTrue();
        assertThat(d.foreignResident()).isFalse();
    }

    @Test
    void classifiesANiptWithoutBirthDateAsABusiness() {
        assertThat(kind("K85231004O")).isEqualTo(PersonalNumber.Kind.NIPT_BUSINESS);
        assertThat(kind("M99876543T")).isEqualTo(PersonalNumber.Kind.NIPT_BUSINESS);
    }

    @Test
    void rejectsAnImpossibleBirthDateOutsideNiptLetters() {
        assertThat(kind("E55229001R")).isEqualTo(PersonalNumber.Kind.NOT_A_NUMBER);
        assertThat(PersonalNumber.decode("E55229001R")).isNull();
    }

    @Test
    void rejectsABirthDateInTheFuture() {
        assertThat(kind("T91231001" + check("T91231001"))).isEqualTo(PersonalNumber.Kind.NOT_A_NUMBER);
    }

    static IntStream seeds() {
        return IntStream.range(0, 20);
    }

    /** Property: every generated NID validates, and every other check letter is rejected. */
    @ParameterizedTest
    @MethodSource("seeds")
    void everyGeneratedNumberValidatesAndEveryOtherCheckLetterFails(int seed) {
        Random rnd = new Random(seed);
        for (int n = 0; n < 200; n++) {
            LocalDate birth = LocalDate.of(1900 + rnd.nextInt(120), 1, 1).plusDays(rnd.nextInt(365));
            boolean female = rnd.nextBoolean();
            String body = "" + (char) ('A' + (birth.getYear() - 1900) / 10) + birth.getYear() % 10
                    + String.format("%02d%02d%03d", birth.getMonthValue() + (female ? 50 : 0), birth.getDayOfMonth(),
                    rnd.nextInt(1000));
            String good = body + check(body);
            assertThat(kind(good)).as(good).isEqualTo(PersonalNumber.Kind.NID);
            assertThat(PersonalNumber.decode(good).birthDate()).isEqualTo(birth);
            assertThat(PersonalNumber.decode(good).female()).isEqualTo(female);
            for (char c = 'A'; c <= 'Z'; c++) {
                String other = body + c;
                boolean alsoValid = c == check(body) || (check(body) == 'W' && c == 'A');
                if (!alsoValid) {
                    assertThat(kind(other)).as(other).isNotEqualTo(PersonalNumber.Kind.NID);
                }
            }
        }
    }

    /** A valid NID with any decade (0-9, A-T), any month field (men, women, foreign residents), both letters at 0. */
    static String randomNid(Random rnd) {
        String decades = "0123456789ABCDEFGHIJKLMNOPQRST";
        char decade = decades.charAt(rnd.nextInt(decades.length()));
        int year = (decade <= '9' ? 1800 + (decade - '0') * 10 : 1900 + (decade - 'A') * 10) + rnd.nextInt(10);
        int month = 1 + rnd.nextInt(12);
        int field = month + new int[] {0, 50, 30, 80}[rnd.nextInt(4)];
        int day = 1 + rnd.nextInt(PersonalNumber.daysIn(month, year));
        String prefix = "" + decade + year % 10 + String.format("%02d%02d%02d", field, day, rnd.nextInt(100));
        String body = prefix + rnd.nextInt(10);
        if (rnd.nextInt(3) == 0) {
            // the digit giving remainder 0 when there is one: check letter W, or A written instead
            for (int d = 0; d < 10; d++) {
                if (check(prefix + d) == 'W') {
                    body = prefix + d;
                }
            }
        }
        char letter = check(body);
        if (letter == 'W' && rnd.nextBoolean()) {
            letter = 'A';
        }
        return body + letter;
    }

    /** Oracle: the ten characters back from a code, by trying the check rule (W for a plain code at remainder 0). */
    static String decodeCode(int code) {
        long c = Integer.toUnsignedLong(code) - 1;
        String decades = "0123456789ABCDEFGHIJKLMNOPQRST";
        if (c >= PersonalNumber.PLAIN_CODES) {
            long prefix = c - PersonalNumber.PLAIN_CODES;
            String p = decades.charAt((int) (prefix / 10_000_000)) + String.format("%07d", prefix % 10_000_000);
            for (int d = 0; d < 10; d++) {
                if (check(p + d) == 'W') {
                    return p + d + 'A';
                }
            }
            throw new AssertionError("no digit gives remainder 0 after " + p);
        }
        String body = decades.charAt((int) (c / 100_000_000)) + String.format("%08d", c % 100_000_000);
        return body + check(body);
    }

    private static int code(String nid) {
        return PersonalNumber.code(nid.getBytes(StandardCharsets.US_ASCII), 0);
    }

    /**
     * Property: the 32-bit code of a valid NID is never 0, below 3.3e9 + 2 read unsigned, and gives back exactly the
     * ten characters written (so A and W at remainder 0 are two codes), hence distinct NIDs never share a code.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void theCodeOfAValidNumberGivesBackExactlyItsTenCharacters(int seed) {
        Random rnd = new Random(seed * 31L + 7);
        java.util.Map<Integer, String> seen = new java.util.HashMap<>();
        for (int n = 0; n < 2000; n++) {
            String nid = randomNid(rnd);
            byte[] b = ("x" + nid + "y").getBytes(StandardCharsets.US_ASCII);
            assertThat(PersonalNumber.classify(b, 1, 9999, 99991231)).as(nid).isEqualTo(PersonalNumber.Kind.NID);
            int c = PersonalNumber.code(b, 1);
            assertThat(c).as(nid).isNotZero();
            assertThat(Integer.toUnsignedLong(c)).as(nid).isLessThan(3_300_000_002L);
            assertThat(decodeCode(c)).isEqualTo(nid);
            String before = seen.putIfAbsent(c, nid);
            assertThat(before == null || before.equals(nid)).as(nid + " vs " + before).isTrue();
        }
    }

    @Test
    void codesKeepTheLetterWrittenAtRemainderZeroAndReachTheEndsOfTheRange() {
        assertThat(code("J00101999W")).isNotEqualTo(code("J00101999A"));
        assertThat(decodeCode(code("J00101999W"))).isEqualTo("J00101999W");
        assertThat(decodeCode(code("J00101999A"))).isEqualTo("J00101999A");
        for (String edge : new String[] {"000000000", "T99999999", "A00000000", "99999999" + "9"}) {
            String nid = edge + check(edge);
            assertThat(decodeCode(code(nid))).isEqualTo(nid);
            if (check(edge) == 'W') {
                assertThat(decodeCode(code(edge + 'A'))).isEqualTo(edge + 'A');
            }
        }
        assertThat(Integer.toUnsignedLong(code("T99999999" + check("T99999999")))).isEqualTo(3_000_000_000L);
    }

    /** The check letter computed independently of the production code. */
    static char check(String body) {
        String alphabet = "WABCDEFGHIJKLMNOPQRSTUV";
        int[] w = {1, 1, 2, 3, 4, 5, 6, 7, 8};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = body.charAt(i);
            sum += w[i] * (Character.isDigit(c) ? c - '0' : alphabet.indexOf(c));
        }
        return alphabet.charAt(sum % 23);
    }
}
