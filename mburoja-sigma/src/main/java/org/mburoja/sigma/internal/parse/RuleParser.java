package org.mburoja.sigma.internal.parse;

import static org.mburoja.sigma.internal.parse.YamlNodes.error;
import static org.mburoja.sigma.internal.parse.YamlNodes.line;
import static org.mburoja.sigma.internal.parse.YamlNodes.mapping;
import static org.mburoja.sigma.internal.parse.YamlNodes.optionalString;
import static org.mburoja.sigma.internal.parse.YamlNodes.string;
import static org.mburoja.sigma.internal.parse.YamlNodes.strings;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mburoja.sigma.Level;
import org.mburoja.sigma.RuleProblem;
import org.mburoja.sigma.model.Detection;
import org.mburoja.sigma.model.DetectionRule;
import org.mburoja.sigma.model.FilterRule;
import org.mburoja.sigma.model.LogSource;
import org.mburoja.sigma.model.RuleMeta;
import org.mburoja.sigma.model.SigmaDocument;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads Sigma rule files (one or more YAML documents) into {@link SigmaDocument}s, validating as the specification
 * v2.1 requires. Works on SnakeYAML's node tree so every problem has a line. A broken document becomes a
 * {@link RuleProblem} and the other documents of the file are still read; a YAML syntax error ends the file, since
 * nothing after it can be trusted.
 *
 * <p>Limits against hostile files: 4 MiB per file, 64 levels of nesting, no YAML aliases of collections.
 */
public final class RuleParser {

    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    private static final Set<String> RELATION_TYPES = Set.of("derived", "obsolete", "obsoletes", "merged", "renamed",
            "similar");
    private static final int MAX_TITLE = 256;

    private RuleParser() {
    }

    /** The documents that parsed and the problems of those that did not. */
    public record Result(List<SigmaDocument> documents, List<RuleProblem> problems) {
    }

    public static Result parse(String text, String file) {
        List<SigmaDocument> docs = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        try {
            for (Node node : compose(text)) {
                if (node == null || YamlNodes.isNull(node)) {
                    continue;
                }
                try {
                    docs.add(document(node, file));
                } catch (RuleSyntaxException e) {
                    problems.add(e.toProblem(file));
                }
            }
        } catch (MarkedYAMLException e) {
            int l = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(new RuleProblem(file, l, "(yaml)", "YAML syntax error: " + e.getProblem()));
        } catch (YAMLException e) {
            problems.add(new RuleProblem(file, 0, "(yaml)", "YAML error: " + e.getMessage()));
        }
        if (docs.isEmpty() && problems.isEmpty()) {
            problems.add(new RuleProblem(file, 0, "(file)", "file holds no Sigma document"));
        }
        return new Result(docs, problems);
    }

    /**
     * The file's YAML documents: composed by {@link BlockYaml} when the file is in its subset (nearly every rule
     * file), else by SnakeYAML, lazily, so that the documents before a syntax error are still read.
     */
    private static Iterable<Node> compose(String text) {
        List<Node> fast = BlockYaml.composeAll(text);
        if (fast != null) {
            return fast;
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(64);
        options.setCodePointLimit(4 * 1024 * 1024);
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options);
        return yaml.composeAll(new StringReader(text));
    }

    private static SigmaDocument document(Node node, String file) {
        Map<String, Node> top = mapping(node, "(document)");
        if (top.containsKey("action")) {
            throw error(top.get("action"), "action",
                    "Sigma 1 rule collections ('action: global/reset/repeat') are not part of Sigma 2");
        }
        RuleMeta meta = meta(node, top);
        if (top.containsKey("correlation")) {
            return CorrelationParser.parse(meta, top, node, file);
        }
        if (top.containsKey("filter")) {
            Map<String, Node> f = mapping(top.get("filter"), "filter");
            List<String> rules = strings(f.get("rules"), "filter.rules");
            LogSource ls = logSource(top.get("logsource"), node);
            return new FilterRule(meta, ls, List.copyOf(rules),
                    DetectionParser.parse(top.get("filter"), "filter", Set.of("rules")), file, line(node));
        }
        if (!top.containsKey("detection")) {
            throw error(node, "detection", "a Sigma document needs 'detection', 'correlation' or 'filter'");
        }
        LogSource ls = logSource(top.get("logsource"), node);
        Detection d = DetectionParser.parse(top.get("detection"), "detection", Set.of());
        return new DetectionRule(meta, ls, d, file, line(node));
    }

    private static RuleMeta meta(Node doc, Map<String, Node> top) {
        Node titleNode = top.get("title");
        if (titleNode == null) {
            throw error(doc, "title", "'title' is mandatory");
        }
        String title = string(titleNode, "title");
        if (title.isBlank() || title.length() > MAX_TITLE) {
            throw error(titleNode, "title", "title must be 1 to " + MAX_TITLE + " characters");
        }
        String id = optionalString(top, "id", "id");
        String name = optionalString(top, "name", "name");
        String status = optionalString(top, "status", "status");
        if (status != null && !STATUSES.contains(status)) {
            throw error(top.get("status"), "status", "unknown status '" + status + "'; expected one of " + STATUSES);
        }
        String levelText = optionalString(top, "level", "level");
        Level level = Level.parse(levelText);
        if (levelText != null && level == null) {
            throw error(top.get("level"), "level", "unknown level '" + levelText
                    + "'; expected informational, low, medium, high or critical");
        }
        List<String> tags = strings(top.get("tags"), "tags");
        for (String t : tags) {
            if (t.indexOf('.') <= 0) {
                throw error(top.get("tags"), "tags", "tag '" + t + "' is not of the form namespace.name");
            }
        }
        related(top.get("related"));
        List<String> fps = strings(top.get("falsepositives"), "falsepositives");
        return new RuleMeta(id, name, title, status, level, List.copyOf(tags),
                optionalString(top, "description", "description"), List.copyOf(fps));
    }

    private static void related(Node node) {
        if (node == null || YamlNodes.isNull(node)) {
            return;
        }
        if (!(node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq)) {
            throw error(node, "related", "expected a list of {id, type}");
        }
        for (Node item : seq.getValue()) {
            Map<String, Node> r = mapping(item, "related");
            if (!r.containsKey("id") || !r.containsKey("type")) {
                throw error(item, "related", "each related entry needs 'id' and 'type'");
            }
            String type = string(r.get("type"), "related.type");
            if (!RELATION_TYPES.contains(type)) {
                throw error(r.get("type"), "related.type", "unknown relation type '" + type + "'");
            }
        }
    }

    static LogSource logSource(Node node, Node doc) {
        if (node == null) {
            throw error(doc, "logsource", "'logsource' is mandatory");
        }
        Map<String, Node> m = mapping(node, "logsource");
        String product = lower(optionalString(m, "product", "logsource.product"));
        String category = lower(optionalString(m, "category", "logsource.category"));
        String service = lower(optionalString(m, "service", "logsource.service"));
        if (product == null && category == null && service == null) {
            throw error(node, "logsource", "logsource needs at least one of product, category or service");
        }
        return new LogSource(product, category, service);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
