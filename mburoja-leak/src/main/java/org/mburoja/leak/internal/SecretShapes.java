package org.mburoja.leak.internal;

import org.mburoja.leak.EntityType;

/**
 * Credentials and secrets: password hashes in crypt format ({@code $2b$...}, {@code $argon2id$...}, {@code $6$...}),
 * a value after a password keyword ({@code password: ...}, {@code fjalekalimi=...}), PEM private keys, AWS access
 * keys, Google API keys and GitHub, Slack and Stripe tokens. Plain hex digests are not reported: without a password
 * column or keyword they are as likely to be file checksums.
 */
final class SecretShapes {

    private final FileTally tally;

    SecretShapes(FileTally tally) {
        this.tally = tally;
    }

    private static boolean tokenChar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private static boolean cryptChar(byte c) {
        return tokenChar(c) || c == '.' || c == '/' || c == '$' || c == '=' || c == ',' || c == '+';
    }

    /** A crypt-format hash at '$': returns the position to continue from. */
    int dollar(byte[] b, int i, int from, int to) {
        if ((i > from && cryptChar(b[i - 1])) || i + 4 >= to) {
            return i + 1;
        }
        byte a = b[i + 1];
        boolean known = (a == '2' && (b[i + 2] == 'a' || b[i + 2] == 'b' || b[i + 2] == 'y') && b[i + 3] == '$')
                || ((a == '1' || a == '5' || a == '6') && b[i + 2] == '$')
                || (a == 'a' && i + 8 < to && b[i + 2] == 'r' && b[i + 3] == 'g' && b[i + 4] == 'o' && b[i + 5] == 'n')
                || (a == 'y' && b[i + 2] == '$');
        if (!known) {
            return i + 1;
        }
        int e = i + 1;
        while (e < to && cryptChar(b[e])) {
            e++;
        }
        if (e - i >= 20) {
            tally.entity(EntityType.CREDENTIAL, b, i, e);
            return e;
        }
        return i + 1;
    }

    /** "-----BEGIN ... PRIVATE KEY-----" at a dash. */
    int dash(byte[] b, int i, int to) {
        if (i + 30 > to || b[i + 1] != '-' || b[i + 4] != '-' || b[i + 5] != 'B' || b[i + 6] != 'E') {
            return i + 1;
        }
        int e = Math.min(to, i + 64);
        for (int p = i + 11; p + 11 <= e; p++) {
            if (b[p] == 'P' && b[p + 1] == 'R' && b[p + 2] == 'I' && b[p + 3] == 'V' && b[p + 4] == 'A'
                    && b[p + 5] == 'T' && b[p + 6] == 'E' && b[p + 7] == ' ' && b[p + 8] == 'K') {
                tally.entity(EntityType.SECRET, b, i, p + 11);
                return p + 11;
            }
        }
        return i + 5;
    }

    static boolean awsKey(byte[] b, int s) {
        return b[s] == 'A' && (b[s + 1] == 'K' || b[s + 1] == 'S') && b[s + 2] == 'I'
                && b[s + 3] == 'A';
    }

    int googleKey(byte[] b, int s, int to) {
        int e = s;
        while (e < to && tokenChar(b[e])) {
            e++;
        }
        if (e - s == 39) {
            tally.entity(EntityType.SECRET, b, s, e);
        }
        return e;
    }

    /** ghp_/gho_/ghs_/ghu_/ghr_ (GitHub), xoxb-/xoxp- (Slack), sk_live_ (Stripe) at a short lower-case run. */
    int token(byte[] b, int i, int j, int to) {
        int n = j - i;
        boolean github = n == 3 && b[i] == 'g' && b[i + 1] == 'h' && b[j] == '_';
        boolean slack = n == 4 && b[i] == 'x' && b[i + 1] == 'o' && b[i + 2] == 'x' && b[j] == '-';
        boolean stripe = n == 2 && b[i] == 's' && b[i + 1] == 'k' && b[j] == '_' && j + 6 < to && b[j + 1] == 'l'
                && b[j + 2] == 'i' && b[j + 3] == 'v' && b[j + 4] == 'e' && b[j + 5] == '_';
        if (!github && !slack && !stripe) {
            return -1;
        }
        int e = j + 1;
        while (e < to && tokenChar(b[e])) {
            e++;
        }
        if (e - i >= 24) {
            tally.entity(EntityType.SECRET, b, i, e);
            return e;
        }
        return -1;
    }

    /** After a password keyword: ':' or '=' then a value up to a space, comma, quote or line end. */
    int credentialAfterKeyword(byte[] b, int p, int to) {
        int q = p;
        while (q < to && b[q] == ' ') {
            q++;
        }
        if (q >= to || (b[q] != ':' && b[q] != '=')) {
            return p;
        }
        q++;
        while (q < to && (b[q] == ' ' || b[q] == '"' || b[q] == '\'')) {
            q++;
        }
        int e = q;
        while (e < to && b[e] > ' ' && b[e] != ',' && b[e] != ';' && b[e] != '"' && b[e] != '\'') {
            e++;
        }
        if (e - q >= 4) {
            tally.entity(EntityType.CREDENTIAL, b, q, e);
            return e;
        }
        return p;
    }
}
