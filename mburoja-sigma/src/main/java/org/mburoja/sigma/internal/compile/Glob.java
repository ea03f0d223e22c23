package org.mburoja.sigma.internal.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value: literal runs, {@code *} (any run), {@code ?} (any one character) and character choices (made
 * by {@code windash}). Built from the raw rule text with Sigma's escaping: {@code \*} and {@code \?} are the literal
 * characters, {@code \\} is one backslash, a backslash before anything else is itself.
 */
public record Glob(List<Part> parts) {

    public sealed interface Part {
    }

    public record Lit(String text) implements Part {
    }

    public record Star() implements Part {
    }

    public record One() implements Part {
    }

    /** One character out of {@code chars}. */
    public record Choice(String chars) implements Part {
    }

    public static Glob parse(String raw) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(i + 1);
                if (n == '*' || n == '?' || n == '\\') {
                    lit.append(n);
                    i++;
                } else {
                    lit.append(c);
                }
            } else if (c == '*' || c == '?') {
                flush(parts, lit);
                parts.add(c == '*' ? new Star() : new One());
            } else {
                lit.append(c);
            }
        }
        flush(parts, lit);
        return new Glob(normalise(parts));
    }

    public static Glob literal(String text) {
        return new Glob(text.isEmpty() ? List.of() : List.of(new Lit(text)));
    }

    private static void flush(List<Part> parts, StringBuilder lit) {
        if (!lit.isEmpty()) {
            parts.add(new Lit(lit.toString()));
            lit.setLength(0);
        }
    }

    /** Merges adjacent literals and collapses runs of stars. */
    private static List<Part> normalise(List<Part> in) {
        List<Part> out = new ArrayList<>();
        for (Part p : in) {
            Part last = out.isEmpty() ? null : out.getLast();
            if (p instanceof Lit l && last instanceof Lit prev) {
                out.set(out.size() - 1, new Lit(prev.text() + l.text()));
            } else if (p instanceof Star && last instanceof Star) {
                continue;
            } else if (p instanceof Lit l && l.text().isEmpty()) {
                continue;
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    public boolean isPlain() {
        return parts.stream().allMatch(p -> p instanceof Lit);
    }

    /** The text of a glob without wildcards. */
    public String plain() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            sb.append(((Lit) p).text());
        }
        return sb.toString();
    }

    public Glob withLeadingStar() {
        List<Part> p = new ArrayList<>();
        p.add(new Star());
        p.addAll(parts);
        return new Glob(normalise(p));
    }

    public Glob withTrailingStar() {
        List<Part> p = new ArrayList<>(parts);
        p.add(new Star());
        return new Glob(normalise(p));
    }

    /** Every dash-like character ({@code - / – — ―}) may be any of them, as the windash modifier specifies. */
    public Glob windash() {
        String dashes = "-/\u2013\u2014\u2015";
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Lit l) {
                StringBuilder run = new StringBuilder();
                for (char c : l.text().toCharArray()) {
                    if (dashes.indexOf(c) >= 0) {
                        flush(out, run);
                        out.add(new Choice(dashes));
                    } else {
                        run.append(c);
                    }
                }
                flush(out, run);
            } else {
                out.add(p);
            }
        }
        return new Glob(normalise(out));
    }

    public Glob fold() {
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            out.add(switch (p) {
                case Lit l -> new Lit(Text.fold(l.text()));
                case Choice c -> new Choice(Text.fold(c.chars()));
                default -> p;
            });
        }
        return new Glob(List.copyOf(out));
    }

    /** The longest literal run, which any matching text must contain; empty when there is none. */
    public String longestLiteral() {
        String best = "";
        for (Part p : parts) {
            if (p instanceof Lit l && l.text().length() > best.length()) {
                best = l.text();
            }
        }
        return best;
    }
}
