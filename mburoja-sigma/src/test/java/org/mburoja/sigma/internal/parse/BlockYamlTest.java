package org.mburoja.sigma.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * {@link BlockYaml} answers only where SnakeYAML would compose the same tree: over every SigmaHQ rule file and over
 * seeded generated files full of YAML's traps, each tree it returns equals SnakeYAML's (kinds, tags, values, styles,
 * start lines and columns), and it never accepts a file that SnakeYAML rejects.
 */
class BlockYamlTest {

    @Test
    void composesTheSigmaHqRuleFilesExactlyAsSnakeYamlDoes() throws IOException {
        Path sigma = shared().resolve("sigma");
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"))) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(files::add);
            }
        }
        int accepted = 0;
        List<String> outside = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            List<Node> fast = BlockYaml.composeAll(text);
            if (fast == null) {
                outside.add(f.getFileName().toString());
                continue;
            }
            accepted++;
            assertSameTrees(f.toString(), fast, snake(text));
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3141 + 473);
        // The point of the class is speed: nearly every rule file must take the fast path.
        assertThat(outside).as("rule files left to SnakeYAML").hasSizeLessThanOrEqualTo(files.size() / 100);
        assertThat(accepted).isGreaterThan(0);
    }

    @Test
    void composesTheModuleTestRuleFilesAsSnakeYamlDoesWhereItAnswers() throws IOException {
        Path resources = Path.of("src/test/resources");
        Assumptions.assumeTrue(Files.isDirectory(resources));
        List<Path> files;
        try (Stream<Path> s = Files.walk(resources)) {
            files = s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            List<Node> fast = BlockYaml.composeAll(text);
            if (fast != null) {
                assertSameTrees(f.toString(), fast, snake(text));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void generatedFilesComposeAsSnakeYamlOrAreLeftToIt(long seed) {
        Random r = new Random(seed);
        int accepted = 0;
        int rejectedBySnake = 0;
        int cases = 2500;
        for (int i = 0; i < cases; i++) {
            boolean traps = r.nextBoolean();
            String text = new Generator(r, traps).file();
            if (traps && r.nextInt(3) == 0) {
                text = mutate(text, r);
            }
            if (r.nextInt(5) == 0) {
                text = text.replace("\n", "\r\n"); // Windows line breaks
            }
            List<Node> fast;
            try {
                fast = BlockYaml.composeAll(text);
            } catch (RuntimeException e) {
                throw new AssertionError("BlockYaml threw on case " + i + " of seed " + seed + ":\n" + text, e);
            }
            List<Node> slow;
            try {
                slow = snake(text);
            } catch (RuntimeException e) {
                rejectedBySnake++;
                if (fast != null) {
                    fail("accepted what SnakeYAML rejects (" + e.getMessage() + "), seed " + seed + " case " + i
                            + ":\n" + text);
                }
                continue;
            }
            if (fast != null) {
                accepted++;
                assertSameTrees("seed " + seed + " case " + i + ":\n" + text, fast, slow);
            }
        }
        System.out.printf("seed %d: %d of %d accepted, %d invalid%n", seed, accepted, cases, rejectedBySnake);
        // The generator must exercise both sides: the fast path and the files it leaves to SnakeYAML.
        assertThat(accepted).as("accepted").isGreaterThan(cases / 4);
        assertThat(cases - accepted).as("left to SnakeYAML").isGreaterThan(cases / 20);
        assertThat(rejectedBySnake).as("invalid files generated").isGreaterThan(0);
    }

    @Test
    void foldsPlainAndBlockScalarsAsYamlDoes() {
        String text = """
                title: one
                  two

                  three # a comment
                literal: |
                    a
                      b

                    c
                folded: >-
                    a
                    b

                    c
                      d
                    e
                strip: |-
                    x

                next: 'it''s'
                escaped: "tab\\there \\u00e9"
                """;
        List<Node> docs = BlockYaml.composeAll(text);
        assertThat(docs).hasSize(1);
        MappingNode m = (MappingNode) docs.get(0);
        assertThat(values(m)).containsExactly("one two\nthree", "a\n  b\n\nc\n", "a b\nc\n  d\ne", "x", "it's",
                "tab\there \u00e9");
        assertSameTrees("example", docs, snake(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: &x 1\nb: *x\n", // anchors and aliases
        "a: [1, 2]\n", // flow collections
        "a: {b: 1}\n",
        "a:\n\t- x\n", // tabs
        "a: 1\rb: 2\r", // carriage returns that are not part of a CRLF line break
        "a: 'x\ry'\n",
        "a: |+\n  x\n\n", // keep chomping
        "a: |2\n   x\n", // indentation indicator
        "a: 'one\n  two'\n", // multi-line quoted
        "a: !!str 1\n", // tags
        "%YAML 1.1\n---\na: 1\n", // directives
        "---\n---\na: 1\n", // an empty document
        "- - a\n", // compact nested sequence
        "? a\n: b\n", // complex key
        "a: b: c\n", // an error
        "a: 1\n b: 2\n", // bad indentation
        "just a scalar\n", // a scalar document
    })
    void leavesEverythingOutsideTheSubsetToSnakeYaml(String text) {
        assertThat(BlockYaml.composeAll(text)).isNull();
    }

    @Test
    void tagsPlainScalarsAsSnakeYamlsResolverDoes() {
        org.yaml.snakeyaml.resolver.Resolver resolver = new org.yaml.snakeyaml.resolver.Resolver();
        String[] tails = {"", "es", "ull", "rue", "0", "1", "x", ".5", "e3", "_000", ":30", "-10-26", "nf", "an", "~", "<"};
        for (char c = 0; c < 0x3000; c++) {
            for (String tail : tails) {
                String v = c + tail;
                assertThat(BlockYaml.plainTag(v)).as(v).isEqualTo(resolver.resolve(
                        org.yaml.snakeyaml.nodes.NodeId.scalar, v, true));
            }
        }
        assertThat(BlockYaml.plainTag("")).isEqualTo(resolver.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, "", true));
        // the bool and null words, their near misses, and seeded random values after their first letters
        java.util.Random random = new java.util.Random(11);
        List<String> values = new java.util.ArrayList<>();
        for (String w : List.of("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
                "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL", "y", "Y", "n", "N", "tRUE", "nULL")) {
            values.addAll(List.of(w, w + " ", w + "\n", w + "s", w.substring(0, w.length() - 1), w + "e", " " + w));
        }
        for (char first : "yYnNtTfFoO".toCharArray()) {
            for (int i = 0; i < 500; i++) {
                StringBuilder b = new StringBuilder().append(first);
                String alphabet = "eEsSuUlLrRnNoOfF \t~0.:-_x";
                for (int k = random.nextInt(6); k > 0; k--) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                values.add(b.toString());
            }
        }
        for (String v : values) {
            assertThat(BlockYaml.plainTag(v)).as(v).isEqualTo(resolver.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, v,
                    true));
        }
    }

    @Test
    void readsWindowsLineBreaksAsSnakeYamlDoes() {
        String text = "title: a\r\nlist:\r\n- x\r\n- |\r\n    one\r\n\r\n    two\r\nnext: >-\r\n  f\r\n  g\r\n";
        List<Node> docs = BlockYaml.composeAll(text);
        assertThat(docs).isNotNull();
        assertSameTrees("crlf", docs, snake(text));
        assertThat(((ScalarNode) ((SequenceNode) ((MappingNode) docs.get(0)).getValue().get(1).getValueNode())
                .getValue().get(1)).getValue()).isEqualTo("one\n\ntwo\n");
    }

    @Test
    void leavesOversizedFilesToSnakeYaml() {
        String big = "a: " + "x".repeat(BlockYaml.MAX_CHARS) + "\n";
        assertThat(BlockYaml.composeAll(big)).isNull();
    }

    @Test
    void readsSeveralDocumentsAndKeepsTheirLines() {
        String text = "# comment\ntitle: a\n---\ntitle: b\nlist:\n- x\n-\n- 'y' # c\n";
        List<Node> docs = BlockYaml.composeAll(text);
        assertThat(docs).hasSize(2);
        assertThat(docs.get(1).getStartMark().getLine()).isEqualTo(3);
        assertSameTrees("docs", docs, snake(text));
    }

    // ---- comparison ----

    private static List<Node> snake(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(4 * 1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options);
        List<Node> out = new ArrayList<>();
        for (Node n : yaml.composeAll(new StringReader(text))) {
            out.add(n);
        }
        return out;
    }

    private static void assertSameTrees(String where, List<Node> fast, List<Node> slow) {
        if (fast.size() != slow.size()) {
            fail(where + ": " + fast.size() + " documents, SnakeYAML " + slow.size());
        }
        for (int i = 0; i < fast.size(); i++) {
            same(where, "doc" + i, fast.get(i), slow.get(i));
        }
    }

    private static void same(String where, String path, Node a, Node b) {
        String at = where + " at " + path;
        if (a.getClass() != b.getClass()) {
            fail(at + ": " + a.getNodeId() + " vs SnakeYAML " + b.getNodeId());
        }
        if (!a.getTag().equals(b.getTag())) {
            fail(at + ": tag " + a.getTag() + " vs SnakeYAML " + b.getTag());
        }
        if (a.getStartMark().getLine() != b.getStartMark().getLine()
                || a.getStartMark().getColumn() != b.getStartMark().getColumn()) {
            fail(at + ": starts at " + a.getStartMark().getLine() + ":" + a.getStartMark().getColumn()
                    + " vs SnakeYAML " + b.getStartMark().getLine() + ":" + b.getStartMark().getColumn());
        }
        switch (a) {
            case ScalarNode s -> {
                ScalarNode t = (ScalarNode) b;
                if (!s.getValue().equals(t.getValue()) || s.getScalarStyle() != t.getScalarStyle()) {
                    fail(at + ": " + s.getScalarStyle() + " [" + s.getValue() + "] vs SnakeYAML "
                            + t.getScalarStyle() + " [" + t.getValue() + "]");
                }
            }
            case SequenceNode s -> {
                List<Node> x = s.getValue();
                List<Node> y = ((SequenceNode) b).getValue();
                if (x.size() != y.size()) {
                    fail(at + ": " + x.size() + " items vs SnakeYAML " + y.size());
                }
                for (int i = 0; i < x.size(); i++) {
                    same(where, path + "[" + i + "]", x.get(i), y.get(i));
                }
            }
            case MappingNode m -> {
                List<NodeTuple> x = m.getValue();
                List<NodeTuple> y = ((MappingNode) b).getValue();
                if (x.size() != y.size()) {
                    fail(at + ": " + x.size() + " entries vs SnakeYAML " + y.size());
                }
                for (int i = 0; i < x.size(); i++) {
                    same(where, path + ".key" + i, x.get(i).getKeyNode(), y.get(i).getKeyNode());
                    same(where, path + "." + ((ScalarNode) x.get(i).getKeyNode()).getValue(),
                            x.get(i).getValueNode(), y.get(i).getValueNode());
                }
            }
            default -> fail(at + ": unexpected node " + a);
        }
    }

    private static List<String> values(MappingNode m) {
        return m.getValue().stream().map(t -> ((ScalarNode) t.getValueNode()).getValue()).toList();
    }

    private static Path shared() {
        Path d = Path.of(System.getProperty("mburoja.shared.dir", "../../shared"), "data");
        Assumptions.assumeTrue(Files.isDirectory(d), "shared data not found at " + d);
        return d;
    }

    // ---- generated files ----

    private static String mutate(String text, Random r) {
        StringBuilder b = new StringBuilder(text);
        int n = 1 + r.nextInt(2);
        for (int k = 0; k < n && b.length() > 0; k++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(7)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, ' ');
                case 2 -> b.insert(at, "\t");
                case 3 -> b.insert(at, "\r");
                case 4 -> b.insert(at, ":");
                case 5 -> b.insert(at, "\n");
                default -> b.insert(at, "#");
            }
        }
        return b.toString();
    }

    /** Random rule-like YAML: the shapes of SigmaHQ files, plus every scalar form and layout trap we could think of. */
    private static final class Generator {

        private static final String[] WORDS = {"title", "Image|endswith", "CommandLine|contains|all", "EventID",
            "selection", "condition", "a b", "x-y", "1", "true", "null", "~", "yes", "on", "0x1F", "1:20",
            "2019-10-26", "3.5", ".inf", "-x", "?q", ":c", "a#b", "a:b", "<<", "=", "é", "日本", "x'y", "Emoji😀"};
        private static final String[] SAFE_WORDS = {"title", "Image|endswith", "CommandLine|contains|all",
            "EventID", "selection", "a b", "x-y", "1", "true", "null", "~", "yes", "0x1F", "1:20", "2019-10-26", "3.5",
            "a#b", "a:b", "é", "x'y", "Emoji😀", "C:\\Windows\\x.exe", "*\\cmd.exe*"};
        private static final String[] SAFE_QUOTED = {"'\\cmd.exe'", "'it''s'", "''", "'a: b # c'", "\"tab\\tx\"",
            "\"\\u00e9\"", "\"\\U0001F600\"", "\"\\x41\"", "\"\\\\\"", "\"a # b\""};
        private static final String[] QUOTED = {"'\\cmd.exe'", "'it''s'", "''", "'a: b # c'", "\"tab\\tx\"",
            "\"\\u00e9\"", "\"\\U0001F600\"", "\"\\x41\"", "\"\\q\"", "\"\\x4\"", "\"bad\\\"", "\"\\\\\"",
            "\"\\/\"", "\"\\N\\_\\L\\P\\e\\a\\0\"", "'unterminated", "\"\"", "'*\\\\x'", "\"a # b\""};

        private final Random r;
        private final boolean traps;
        private final String[] words;
        private final String[] quoted;
        private final StringBuilder b = new StringBuilder();

        /** With {@code traps} false, only what rule files look like; with true, every trap in the pools. */
        Generator(Random r, boolean traps) {
            this.r = r;
            this.traps = traps;
            this.words = traps ? WORDS : SAFE_WORDS;
            this.quoted = traps ? QUOTED : SAFE_QUOTED;
        }

        String file() {
            if (r.nextInt(8) == 0) {
                b.append("# leading comment\n");
            }
            int docs = r.nextInt(6) == 0 ? 2 : 1;
            for (int d = 0; d < docs; d++) {
                if (d > 0 || r.nextInt(10) == 0) {
                    b.append(r.nextInt(8) == 0 ? "--- # doc\n" : "---\n");
                }
                if (r.nextInt(12) == 0) {
                    sequence(0, 0, 2);
                } else {
                    mapping(0, 0, 3);
                }
            }
            if (r.nextInt(10) == 0 && b.length() > 0) {
                b.setLength(b.length() - 1); // no final line break
            }
            return b.toString();
        }

        private void mapping(int col, int depth, int maxDepth) {
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                if (i > 0 || b.length() == 0 || b.charAt(b.length() - 1) == '\n') {
                    pad(col);
                }
                key();
                b.append(':');
                value(col, depth, maxDepth);
                noise(col);
            }
        }

        private void sequence(int col, int depth, int maxDepth) {
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                pad(col);
                b.append('-');
                int gap = 1 + (r.nextInt(6) == 0 ? r.nextInt(3) : 0);
                int choice = r.nextInt(10);
                if (choice == 0) {
                    b.append(r.nextBoolean() ? "\n" : " # empty\n");
                } else if (choice < 3 && depth < maxDepth) {
                    b.append(" ".repeat(gap));
                    mapping(col + 1 + gap, depth + 1, maxDepth); // a mapping opened on the "- " line
                } else if (choice == 3 && depth < maxDepth) {
                    b.append('\n');
                    int ind = col + 1 + r.nextInt(4);
                    if (r.nextBoolean()) {
                        mapping(ind, depth + 1, maxDepth);
                    } else {
                        sequence(ind, depth + 1, maxDepth);
                    }
                } else {
                    b.append(" ".repeat(gap));
                    scalar(col);
                }
                noise(col);
            }
        }

        private void value(int col, int depth, int maxDepth) {
            int choice = r.nextInt(12);
            if (depth < maxDepth && choice < 3) {
                b.append(r.nextInt(6) == 0 ? " # nested\n" : "\n");
                int ind = col + 1 + r.nextInt(4);
                mapping(ind, depth + 1, maxDepth);
            } else if (depth < maxDepth && choice < 5) {
                b.append('\n');
                sequence(r.nextBoolean() ? col : col + 1 + r.nextInt(4), depth + 1, maxDepth);
            } else if (choice == 5) {
                b.append(r.nextBoolean() ? "\n" : " \n"); // empty value
            } else {
                b.append(' ');
                if (r.nextInt(10) == 0) {
                    b.append(' ');
                }
                scalar(col);
            }
        }

        private void key() {
            if (r.nextInt(8) == 0) {
                String q = quoted[r.nextInt(quoted.length)];
                b.append(q);
            } else {
                b.append(words[r.nextInt(words.length)]);
            }
        }

        /** A scalar at the current position, in a collection at column {@code col}; ends with a line break. */
        private void scalar(int col) {
            int kind = r.nextInt(10);
            if (kind < 4) {
                b.append(words[r.nextInt(words.length)]);
                if (r.nextInt(3) == 0) {
                    b.append(' ').append(words[r.nextInt(words.length)]);
                }
                if (r.nextInt(4) == 0) {
                    // continuation lines, blank lines, comments, odd indentation
                    int lines = 1 + r.nextInt(3);
                    for (int k = 0; k < lines; k++) {
                        if (r.nextInt(3) == 0) {
                            b.append('\n').append(" ".repeat(r.nextInt(col + 3)));
                        }
                        int ind = traps ? Math.max(0, col + r.nextInt(4) - 1) : col + 1 + r.nextInt(3);
                        b.append('\n').append(" ".repeat(ind));
                        b.append(r.nextInt(6) == 0 ? "# c" : words[r.nextInt(words.length)]);
                    }
                }
            } else if (kind < 7) {
                b.append(quoted[r.nextInt(quoted.length)]);
            } else {
                String[] heads = traps ? new String[] {"|", "|-", ">", ">-", "|+", "|2", "| # c", ">#"}
                        : new String[] {"|", "|-", ">", ">-", "| # c"};
                b.append(heads[r.nextInt(heads.length)]);
                int ind = col + 1 + r.nextInt(4);
                int lines = traps ? r.nextInt(5) : 1 + r.nextInt(4);
                for (int k = 0; k < lines; k++) {
                    b.append('\n');
                    int t = r.nextInt(8);
                    if (t == 0) {
                        b.append(" ".repeat(r.nextInt(ind + 3))); // a blank line, maybe with spaces
                    } else if (t == 1) {
                        b.append(" ".repeat(ind + 1 + r.nextInt(3))).append("more");
                    } else if (t == 2) {
                        b.append(" ".repeat(ind)).append("# not a comment");
                    } else {
                        b.append(" ".repeat(ind)).append(words[r.nextInt(words.length)]).append(" x");
                    }
                }
            }
            if (r.nextInt(8) == 0) {
                b.append(r.nextBoolean() ? " # trailing" : "   ");
            }
            b.append('\n');
        }

        private void noise(int col) {
            int t = r.nextInt(14);
            if (t == 0) {
                b.append('\n');
            } else if (t == 1) {
                b.append(" ".repeat(r.nextInt(col + 4))).append("# comment\n");
            } else if (t == 2) {
                b.append(" ".repeat(r.nextInt(5))).append('\n');
            }
        }

        private void pad(int col) {
            b.append(" ".repeat(col));
        }
    }
}
