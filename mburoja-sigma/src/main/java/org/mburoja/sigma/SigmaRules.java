package org.mburoja.sigma;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.mburoja.sigma.internal.parse.RuleParser;
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
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().endsWith(".yml") || f.getFileName().toString().endsWith(".yaml"))
                            .sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such rule file or directory");
            }
        }
        List<SigmaDocument> docs = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.toString();
            if (Files.size(f) > MAX_FILE_BYTES) {
                problems.add(new RuleProblem(name, 0, "(file)", "file is larger than " + MAX_FILE_BYTES + " bytes"));
                continue;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f))).toString();
            } catch (CharacterCodingException e) {
                problems.add(new RuleProblem(name, 0, "(file)", "file is not UTF-8"));
                continue;
            }
            RuleParser.Result r = RuleParser.parse(text, name);
            docs.addAll(r.documents());
            problems.addAll(r.problems());
        }
        return new SigmaRules(List.copyOf(docs), List.copyOf(problems), files.size());
    }

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
