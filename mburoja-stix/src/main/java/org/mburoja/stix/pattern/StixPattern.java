package org.mburoja.stix.pattern;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The abstract syntax of the STIX 2.1 patterning language (specification section 9) as sealed records.
 *
 * <p>Precedence as in the OASIS grammar: {@code FOLLOWEDBY} binds loosest, then {@code OR}, then {@code AND} between
 * observations; inside an observation {@code OR} is looser than {@code AND}. Qualifiers attach to the observation
 * expression on their left. n-ary nodes keep operands in source order.
 *
 * @param root   the observation expression
 * @param source the text the pattern was parsed from
 */
public record StixPattern(ObservationExpression root, String source) {

    /** An expression over observations (observed-data). */
    public sealed interface ObservationExpression
            permits Observation, ObservationAnd, ObservationOr, FollowedBy, Qualified {
    }

    /** {@code [comparison]}: one observation whose objects satisfy the comparison expression. */
    public record Observation(ComparisonExpression comparison) implements ObservationExpression {
    }

    public record ObservationAnd(List<ObservationExpression> operands) implements ObservationExpression {
    }

    public record ObservationOr(List<ObservationExpression> operands) implements ObservationExpression {
    }

    /** Each operand must be matched by observations that start no earlier than those of the previous operand. */
    public record FollowedBy(List<ObservationExpression> operands) implements ObservationExpression {
    }

    public record Qualified(ObservationExpression expression, Qualifier qualifier) implements ObservationExpression {
    }

    /** Qualifiers restrict when and how often an observation expression matches. */
    public sealed interface Qualifier permits Within, Repeats, StartStop {
    }

    public record Within(BigDecimal seconds) implements Qualifier {
    }

    public record Repeats(int times) implements Qualifier {
    }

    /** Matching observations lie in {@code [start, stop)}. */
    public record StartStop(Instant start, Instant stop) implements Qualifier {
    }

    /** An expression over the objects of one observation. */
    public sealed interface ComparisonExpression permits Comparison, ComparisonAnd, ComparisonOr, Exists {
    }

    /** {@code path [NOT] operator value}. */
    public record Comparison(ObjectPath path, boolean negated, Operator operator, Literal value)
            implements ComparisonExpression {
    }

    public record ComparisonAnd(List<ComparisonExpression> operands) implements ComparisonExpression {
    }

    public record ComparisonOr(List<ComparisonExpression> operands) implements ComparisonExpression {
    }

    public record Exists(ObjectPath path) implements ComparisonExpression {
    }

    public enum Operator { EQ, NEQ, GT, LT, GE, LE, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET }

    /** {@code type:first.second[*].third}. */
    public record ObjectPath(String objectType, List<PathStep> steps) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(objectType).append(':');
            for (int i = 0; i < steps.size(); i++) {
                PathStep s = steps.get(i);
                switch (s) {
                    case Property p -> b.append(i == 0 ? "" : ".").append(p.name());
                    case Index n -> b.append('[').append(n.index()).append(']');
                    case AnyIndex a -> b.append("[*]");
                }
            }
            return b.toString();
        }
    }

    public sealed interface PathStep permits Property, Index, AnyIndex {
    }

    public record Property(String name) implements PathStep {
    }

    public record Index(int index) implements PathStep {
    }

    public record AnyIndex() implements PathStep {
    }

    /** Literal values. */
    public sealed interface Literal permits StringLiteral, IntLiteral, FloatLiteral, BoolLiteral, BinaryLiteral,
            HexLiteral, TimestampLiteral, SetLiteral {
    }

    public record StringLiteral(String value) implements Literal {
    }

    public record IntLiteral(BigInteger value) implements Literal {
    }

    public record FloatLiteral(BigDecimal value) implements Literal {
    }

    public record BoolLiteral(boolean value) implements Literal {
    }

    /** {@code b'base64'}; the bytes are decoded. */
    public record BinaryLiteral(byte[] bytes) implements Literal {
        @Override
        public boolean equals(Object o) {
            return o instanceof BinaryLiteral b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BinaryLiteral[" + java.util.Base64.getEncoder().encodeToString(bytes) + "]";
        }
    }

    /** {@code h'hex'}; the bytes are decoded. */
    public record HexLiteral(byte[] bytes) implements Literal {
        @Override
        public boolean equals(Object o) {
            return o instanceof HexLiteral h && java.util.Arrays.equals(bytes, h.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "HexLiteral[" + HexFormat.of().formatHex(bytes) + "]";
        }
    }

    public record TimestampLiteral(Instant value, String text) implements Literal {
    }

    public record SetLiteral(List<Literal> values) implements Literal {
    }
}
