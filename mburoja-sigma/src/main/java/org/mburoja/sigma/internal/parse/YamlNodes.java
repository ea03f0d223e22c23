package org.mburoja.sigma.internal.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed reads over SnakeYAML nodes that fail with the node's line and the rule field being read. */
final class YamlNodes {

    private YamlNodes() {
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static RuleSyntaxException error(Node node, String field, String reason) {
        return new RuleSyntaxException(line(node), field, reason);
    }

    /** A mapping's entries by key, in order; rejects non-scalar and duplicate keys (YAML would silently keep one). */
    static Map<String, Node> mapping(Node node, String field) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, field, "expected a map, found " + kind(node));
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error(t.getKeyNode(), field, "map keys must be plain strings");
            }
            if (out.put(k.getValue(), t.getValueNode()) != null) {
                throw error(k, field, "duplicate key '" + k.getValue() + "'");
            }
        }
        return out;
    }

    /** The key nodes of a mapping, for error positions. */
    static Map<String, Node> keyNodes(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.put(k.getValue(), k);
                }
            }
        }
        return out;
    }

    static String string(Node node, String field) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return s.getValue();
        }
        throw error(node, field, "expected a string, found " + kind(node));
    }

    static String optionalString(Map<String, Node> map, String key, String field) {
        Node n = map.get(key);
        if (n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
            return null;
        }
        return string(n, field);
    }

    /** A string or a list of strings, as Sigma allows for {@code rules}, {@code group-by}, {@code falsepositives}. */
    static List<String> strings(Node node, String field) {
        List<String> out = new ArrayList<>();
        if (node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
            return out;
        }
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                out.add(string(item, field));
            }
            return out;
        }
        out.add(string(node, field));
        return out;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String kind(Node node) {
        return switch (node) {
            case MappingNode m -> "a map";
            case SequenceNode s -> "a list";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "null";
            case ScalarNode s -> "'" + abbreviate(s.getValue()) + "'";
            default -> "an unsupported YAML node";
        };
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
