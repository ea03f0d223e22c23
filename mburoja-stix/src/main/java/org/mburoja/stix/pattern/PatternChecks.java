package org.mburoja.stix.pattern;

import org.mburoja.stix.HashValues;
import org.mburoja.stix.pattern.StixPattern.Comparison;
import org.mburoja.stix.pattern.StixPattern.Literal;
import org.mburoja.stix.pattern.StixPattern.Property;
import org.mburoja.stix.pattern.StixPattern.SetLiteral;
import org.mburoja.stix.pattern.StixPattern.StringLiteral;

/** Semantic checks the OASIS pattern validator adds to the grammar. */
final class PatternChecks {

    private PatternChecks() {
    }

    /** {@code file:hashes.MD5 = 'xyz'}: a value for a known hash algorithm must have that algorithm's shape. */
    static void hashValue(Comparison c, int position) {
        var steps = c.path().steps();
        int at = -1;
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i) instanceof Property p && p.name().equals("hashes")) {
                at = i;
            }
        }
        if (at < 0 || !(steps.get(at + 1) instanceof Property alg) || at + 2 != steps.size()) {
            return;
        }
        switch (c.operator()) {
            case EQ, NEQ, IN -> check(alg.name(), c.value(), position);
            default -> {
            }
        }
    }

    private static void check(String algorithm, Literal value, int position) {
        if (value instanceof StringLiteral s) {
            HashValues.problem(algorithm, s.value()).ifPresent(msg -> {
                throw new PatternSyntaxException("'" + abbreviate(s.value()) + "' is not a valid hash: " + msg,
                        position);
            });
        } else if (value instanceof SetLiteral set) {
            set.values().forEach(v -> check(algorithm, v, position));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
