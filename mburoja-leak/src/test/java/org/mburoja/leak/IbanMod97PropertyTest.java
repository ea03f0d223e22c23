package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Iban#mod97} (eight digits per long read where it can, reduced once per eight bytes) against the definition:
 * the rearranged string with letters as two-digit numbers, read as one big integer, modulo 97. Seeded inputs:
 * IBAN-like strings of every registered length and beyond, half of them with correct check digits, some with a byte
 * just outside the digit and letter ranges (also bytes that differ from a digit only in the high nibble, and bytes
 * whose lane would carry in the SWAR test) at the first, the last or a random position, framed at offsets 0-9 so the
 * eight-byte steps meet the array's end at every alignment.
 */
class IbanMod97PropertyTest {

    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final byte[] OUTSIDE = {'/', ':', ';', '?', '@', '[', 'a', 'z', ' ', '-', 0, (byte) 0x80,
            (byte) 0xB0, (byte) 0xB9, (byte) 0xC3, (byte) 0xFA, (byte) 0xFF};

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithBigIntegerModulo97(long seed) {
        Random rnd = new Random(seed);
        for (int t = 0; t < 500; t++) {
            int n = 5 + rnd.nextInt(40);
            byte[] b = new byte[n];
            for (int k = 0; k < n; k++) {
                b[k] = (byte) ALNUM.charAt(rnd.nextInt(rnd.nextBoolean() ? 10 : ALNUM.length()));
            }
            if (rnd.nextBoolean()) {
                setCheckDigits(b);
            }
            if (rnd.nextInt(5) == 0) {
                int at = switch (rnd.nextInt(3)) {
                    case 0 -> 0;
                    case 1 -> n - 1;
                    default -> rnd.nextInt(n);
                };
                b[at] = OUTSIDE[rnd.nextInt(OUTSIDE.length)];
            }
            int pad = rnd.nextInt(10);
            byte[] framed = new byte[n + 2 * pad];
            System.arraycopy(b, 0, framed, pad, n);
            assertThat(Iban.mod97(framed, pad, n)).as(new String(b, StandardCharsets.ISO_8859_1))
                    .isEqualTo(reference(b));
        }
    }

    /** Check digits (positions 2 and 3) that make the whole string valid, as an IBAN issuer computes them. */
    private static void setCheckDigits(byte[] b) {
        b[2] = '0';
        b[3] = '0';
        BigInteger r = numeric(b);
        if (r == null) {
            return;
        }
        int check = 98 - r.mod(BigInteger.valueOf(97)).intValue();
        b[2] = (byte) ('0' + check / 10);
        b[3] = (byte) ('0' + check % 10);
    }

    private static boolean reference(byte[] b) {
        BigInteger v = numeric(b);
        return v != null && v.mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    private static BigInteger numeric(byte[] b) {
        StringBuilder digits = new StringBuilder();
        int n = b.length;
        for (int k = 4; k < n + 4; k++) {
            int c = b[k % n];
            if (c >= '0' && c <= '9') {
                digits.append((char) c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                return null;
            }
        }
        return new BigInteger(digits.toString());
    }
}
