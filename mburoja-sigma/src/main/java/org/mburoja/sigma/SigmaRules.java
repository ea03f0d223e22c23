package org.mburoja.sigma;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.internal.parse.ParsedRuleCache;
import org.mburoja.sigma.internal.parse.RuleParser;
import org.mburoja.sigma.internal.parse.YamlText;
import org.mburoja.sigma.model.SigmaDocument;

/**
 * A parsed set of Sigma documents and the problems of those that could not be read. Loading never throws for a bad
 * rule: each problem names its file, line, field and reason, and every other rule is kept.
 *
 * @param files     number of rule files read
 */
public record SigmaRules(List<SigmaDocument> documents, List<RuleProblem> problems, int files) {

    /** Files larger than this are rejected unread (a rule is a few KiB). */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** Loads every {@code .yml}/{@code .yaml} file under the given files or directories (recursively, sorted). */
    public static SigmaRules load(Collection<Path> paths) throws IOException {
        return load(paths, null);
    }

    /**
     * {@link #load(Collection)}, taking the parse result of each file whose bytes are unchanged from the cache file
     * {@code cache} (if not null) and keeping there what this load parsed ({@code ParsedRuleCache}: the cache
     * only saves time; a cache that is missing, damaged or not writable changes nothing else).
     */
    public static SigmaRules load(Collection<Path> paths, Path cache) throws IOException {
        List<Path> files = new ArrayList<>();
        Map<Path, Long> sizes = new HashMap<>(); // from the directory walk, so a file is not asked twice
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        String n = f.getFileName().toString();
                        if (n.endsWith(".yml") || n.endsWith(".yaml")) {
                            if (a.isRegularFile()) {
                                found.add(f);
                                sizes.put(f, a.size());
                            } else if (a.isSymbolicLink() && Files.isRegularFile(f)) {
                                found.add(f); // a link to a rule file counts, as it always has
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
                found.sort(null);
                files.addAll(found);
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such rule file or directory");
            }
        }
        Map<String, ParsedRuleCache.Entry> cached = cache == null ? Map.of() : ParsedRuleCache.read(cache);
        Map<String, ParsedRuleCache.Entry> kept = new LinkedHashMap<>();
        boolean parsed = false;
        List<SigmaDocument> docs = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.toString();
            Long size = sizes.get(f);
            if ((size != null ? size : Files.size(f)) > MAX_FILE_BYTES) {
                problems.add(new RuleProblem(name, 0, "(file)", "file is larger than " + MAX_FILE_BYTES + " bytes"));
                continue;
            }
            byte[] bytes = Files.readAllBytes(f);
            if (bytes.length > MAX_FILE_BYTES) { // grew since it was listed
                problems.add(new RuleProblem(name, 0, "(file)", "file is larger than " + MAX_FILE_BYTES + " bytes"));
                continue;
            }
            ParsedRuleCache.Entry hit = cached.get(name);
            RuleParser.Result r;
            if (hit != null && Arrays.equals(hit.bytes(), bytes)) {
                r = hit.result();
            } else {
                String text;
                try {
                    text = YamlText.decode(bytes);
                } catch (CharacterCodingException e) {
                    problems.add(new RuleProblem(name, 0, "(file)", "file is not UTF-8"));
                    continue;
                }
                r = RuleParser.parse(text, name);
                parsed = true;
            }
            if (cache != null) {
                kept.put(name, new ParsedRuleCache.Entry(bytes, r));
            }
            docs.addAll(r.documents());
            problems.addAll(r.problems());
        }
        if (cache != null && parsed) {
            // this load's files first, then what other rule sets left there, up to a bound
            long bytes = 0;
            for (ParsedRuleCache.Entry e : kept.values()) {
                bytes += e.bytes().length;
            }
            for (Map.Entry<String, ParsedRuleCache.Entry> e : cached.entrySet()) {
                if (!kept.containsKey(e.getKey()) && bytes + e.getValue().bytes().length <= CACHE_KEEPS_BYTES) {
                    kept.put(e.getKey(), e.getValue());
                    bytes += e.getValue().bytes().length;
                }
            }
            ParsedRuleCache.write(cache, kept);
        }
        return new SigmaRules(List.copyOf(docs), List.copyOf(problems), files.size());
    }

    /** Rule-file bytes kept in a cache from other rule sets than the one just loaded. */
    private static final long CACHE_KEEPS_BYTES = 64L * 1024 * 1024;

    /** Parses rule text held in memory; {@code origin} names it in problems. */
    public static SigmaRules parse(String yaml, String origin) {
        RuleParser.Result r = RuleParser.parse(yaml, origin);
        return new SigmaRules(r.documents(), r.problems(), 1);
    }

    /** This set and another, e.g. rules plus a file of filters. */
    public SigmaRules plus(SigmaRules other) {
        List<SigmaDocument> d = new ArrayList<>(documents);
        d.addAll(other.documents);
        List<RuleProblem> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        return new SigmaRules(List.copyOf(d), List.copyOf(p), files + other.files);
    }
}
