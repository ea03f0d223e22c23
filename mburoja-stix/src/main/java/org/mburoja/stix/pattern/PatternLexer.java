package org.mburoja.stix.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a STIX pattern into tokens, following the lexer rules of the OASIS grammar (STIXPattern.g4): keywords are
 * upper case and case-sensitive, strings allow only the escapes {@code \'} and {@code \\}, binary literals must be
 * canonical base64, hex literals an even number of hex digits, timestamps {@code t'YYYY-MM-DDTHH:MM:SS[.s]Z'} with
 * field ranges checked.
 *
 * <p>Linear in the input; no regular expressions.
 */
final class PatternLexer {

    static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET",
            "ISSUBSET", "EXISTS", "IN", "START", "STOP", "SECONDS", "WITHIN", "REPEATS", "TIMES");

    enum Kind { KEYWORD, IDENT, STRING, INT, FLOAT, BOOL, BINARY, HEX, TIMESTAMP, OP, PUNCT, EOF }

    /** A token; {@code pos} is the 0-based offset of its first character. */
    record Token(Kind kind, String text, int pos) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }
    }

    private final String src;
    private int i;

    private PatternLexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) {
        return new PatternLexer(src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
                i++;
            }
            if (i >= src.length()) {
                out.add(new Token(Kind.EOF, "", i));
                return out;
            }
            out.add(next());
        }
    }

    private Token next() {
        int start = i;
        char c = src.charAt(i);
        if ((c == 't' || c == 'b' || c == 'h') && i + 1 < src.length() && src.charAt(i + 1) == '\'') {
            i += 1;
            String body = quoted(start);
            return switch (c) {
                case 't' -> timestamp(body, start);
                case 'b' -> binary(body, start);
                default -> hex(body, start);
            };
        }
        if (c == '\'') {
            return new Token(Kind.STRING, quoted(start), start);
        }
        if (Character.isLetter(c) && c < 128 || c == '_') {
            while (i < src.length() && isIdentChar(src.charAt(i))) {
                i++;
            }
            String word = src.substring(start, i);
            if (word.equals("true") || word.equals("false")) {
                return new Token(Kind.BOOL, word, start);
            }
            if (KEYWORDS.contains(word)) {
                return new Token(Kind.KEYWORD, word, start);
            }
            return new Token(Kind.IDENT, word, start);
        }
        boolean digitNext = i + 1 < src.length() && isDigit(src.charAt(i + 1));
        if (c >= '0' && c <= '9' || c == '.' && digitNext || (c == '-' || c == '+') && i + 1 < src.length()
                && (isDigit(src.charAt(i + 1)) || src.charAt(i + 1) == '.')) {
            return number(start);
        }
        i++;
        switch (c) {
            case '[', ']', '(', ')', ',', ':', '*', '.' -> {
                return new Token(Kind.PUNCT, String.valueOf(c), start);
            }
            case '=' -> {
                if (i < src.length() && src.charAt(i) == '=') {
                    i++;
                }
                return new Token(Kind.OP, "=", start);
            }
            case '!' -> {
                if (i < src.length() && src.charAt(i) == '=') {
                    i++;
                    return new Token(Kind.OP, "!=", start);
                }
            }
            case '<' -> {
                if (i < src.length() && src.charAt(i) == '>') {
                    i++;
                    return new Token(Kind.OP, "!=", start);
                }
                if (i < src.length() && src.charAt(i) == '=') {
                    i++;
                    return new Token(Kind.OP, "<=", start);
                }
                return new Token(Kind.OP, "<", start);
            }
            case '>' -> {
                if (i < src.length() && src.charAt(i) == '=') {
                    i++;
                    return new Token(Kind.OP, ">=", start);
                }
                return new Token(Kind.OP, ">", start);
            }
            default -> {
            }
        }
        throw new PatternSyntaxException("unexpected character '" + printable(c) + "'", start + 1);
    }

    /** Reads a quoted body starting at the quote at {@code i}; returns it unescaped. */
    private String quoted(int tokenStart) {
        int quote = i;
        i++;
        StringBuilder b = new StringBuilder();
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\'') {
                i++;
                return b.toString();
            }
            if (c == '\\') {
                if (i + 1 >= src.length()) {
                    break;
                }
                char e = src.charAt(i + 1);
                if (e != '\'' && e != '\\') {
                    throw new PatternSyntaxException("invalid escape '\\" + printable(e)
                            + "' in string (only \\' and \\\\ are allowed)", i + 1);
                }
                b.append(e);
                i += 2;
                continue;
            }
            b.append(c);
            i++;
        }
        throw new PatternSyntaxException("unterminated string literal", quote + 1);
    }

    private Token timestamp(String body, int start) {
        java.util.Optional<String> problem = org.mburoja.stix.StixTimestamp.problem(body);
        if (problem.isPresent()) {
            throw new PatternSyntaxException("invalid timestamp literal t'" + abbreviate(body) + "': "
                    + problem.get(), start + 1);
        }
        return new Token(Kind.TIMESTAMP, body, start);
    }

    private Token binary(String body, int start) {
        boolean ok = body.length() % 4 == 0;
        for (int k = 0; ok && k < body.length(); k++) {
            char c = body.charAt(k);
            boolean b64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
            boolean pad = c == '=' && k >= body.length() - 2 && (k == body.length() - 1 || body.charAt(k + 1) == '=');
            ok = b64 || pad;
        }
        if (!ok) {
            throw new PatternSyntaxException("invalid base64 in binary literal b'" + abbreviate(body) + "'", start + 1);
        }
        return new Token(Kind.BINARY, body, start);
    }

    private Token hex(String body, int start) {
        boolean ok = body.length() % 2 == 0;
        for (int k = 0; ok && k < body.length(); k++) {
            char h = body.charAt(k);
            ok = isDigit(h) || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F';
        }
        if (!ok) {
            throw new PatternSyntaxException("invalid hex literal h'" + abbreviate(body)
                    + "' (an even number of hex digits is required)", start + 1);
        }
        return new Token(Kind.HEX, body, start);
    }

    /** The grammar's digits are ASCII: Character.isDigit would also take U+0661 or U+FF11, which BigInteger reads. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Token number(int start) {
        if (src.charAt(i) == '-' || src.charAt(i) == '+') {
            i++;
        }
        int digits = i;
        while (i < src.length() && isDigit(src.charAt(i))) {
            i++;
        }
        boolean isFloat = false;
        if (i < src.length() && src.charAt(i) == '.') {
            isFloat = true;
            i++;
            int frac = i;
            while (i < src.length() && isDigit(src.charAt(i))) {
                i++;
            }
            if (frac == i) {
                throw new PatternSyntaxException("digits expected after '.'", i + 1);
            }
        }
        if (i - start > 400) {
            throw new PatternSyntaxException("number literal too long", start + 1);
        }
        if (i < src.length() && isIdentChar(src.charAt(i))) {
            throw new PatternSyntaxException("invalid number literal", start + 1);
        }
        String text = src.substring(start, i);
        if (!isFloat) {
            String d = src.substring(digits, i);
            if (d.length() > 1 && d.charAt(0) == '0') {
                throw new PatternSyntaxException("integer literals must not have leading zeros", start + 1);
            }
        }
        return new Token(isFloat ? Kind.FLOAT : Kind.INT, text.startsWith("+") ? text.substring(1) : text, start);
    }

    private static boolean isIdentChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    static String printable(char c) {
        return c < 32 || c > 126 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
