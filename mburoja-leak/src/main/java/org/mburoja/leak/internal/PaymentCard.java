package org.mburoja.leak.internal;

/**
 * Payment card numbers: 13-19 digits with a known issuer prefix (Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37,
 * Discover 6011/65) and a valid Luhn sum, compact or in four groups of four. The prefix test keeps the one-in-ten
 * Luhn accidents of long order and account numbers out.
 */
final class PaymentCard {

    private PaymentCard() {
    }

    static boolean isCard(byte[] b, int s, int e) {
        return issuer(b, s, e - s) && luhn(b, s, e);
    }

    private static boolean issuer(byte[] b, int s, int n) {
        int d1 = b[s] - '0';
        int d2 = (b[s] - '0') * 10 + (b[s + 1] - '0');
        int d4 = d2 * 100 + (b[s + 2] - '0') * 10 + (b[s + 3] - '0');
        return (d1 == 4 && (n == 13 || n == 16 || n == 19)) || (d2 >= 51 && d2 <= 55 && n == 16)
                || (d4 >= 2221 && d4 <= 2720 && n == 16) || ((d2 == 34 || d2 == 37) && n == 15)
                || ((d4 == 6011 || d2 == 65) && n >= 16);
    }

    static boolean luhn(byte[] b, int s, int e) {
        int sum = 0;
        boolean dbl = false;
        for (int p = e - 1; p >= s; p--) {
            int d = b[p] - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** "4111 1111 1111 1111" or with dashes at {@code s}: returns its end when it is a card, else -1. */
    static int grouped(byte[] b, int s, int to, byte[] scratch) {
        if (s + 19 > to) {
            return -1;
        }
        byte sep = b[s + 4];
        if (sep != ' ' && sep != '-') {
            return -1;
        }
        int k = 0;
        for (int g = 0; g < 4; g++) {
            int p = s + g * 5;
            if (g > 0 && b[p - 1] != sep) {
                return -1;
            }
            for (int q = p; q < p + 4; q++) {
                if (b[q] < '0' || b[q] > '9') {
                    return -1;
                }
                scratch[k++] = b[q];
            }
        }
        if (!TokenScanner.end(b, s + 19, to)) {
            return -1;
        }
        return isCard(scratch, 0, 16) ? s + 19 : -1;
    }
}
