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
