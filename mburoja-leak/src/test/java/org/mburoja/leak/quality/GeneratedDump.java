package org.mburoja.leak.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A dump written at test time by the shared generator ({@code gen_leak_dump.py}) into {@code target/}, with its
 * ground truth. Nothing generated is committed.
 */
record GeneratedDump(Path dir, JsonNode truth) {

    static GeneratedDump generate(String format, int seed, int records) throws IOException, InterruptedException {
        String shared = System.getProperty("mburoja.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property mburoja.shared.dir is not set (the build sets it)");
        }
        Path tool = Path.of(shared, "tools", "gen_leak_dump.py");
        Path dir = Path.of("target", "leak-dumps", format + "-" + seed + "-" + records).toAbsolutePath();
        Path truthFile = dir.resolve("truth.json");
        if (!Files.exists(truthFile)) {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("python3", tool.toString(), "--format", format, "--records",
                    String.valueOf(records), "--seed", String.valueOf(seed), "--out", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("generator.log").toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("generator failed, see " + dir.resolve("generator.log"));
            }
        }
        return new GeneratedDump(dir, new ObjectMapper().readTree(truthFile.toFile()));
    }

    List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (var e : truth.get("files").properties()) {
            out.add(dir.resolve(e.getKey()));
        }
        return out;
    }

    /** The records of a dump in JSON lines (format "jsonl"), one tree each. */
    List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(files().getFirst(), java.nio.charset.StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line));
            }
        }
        return out;
    }

    long total(String field) {
        return truth.get("total").get(field).asLong();
    }

    long totalEntity(String kind) {
        return truth.get("total").get("entities").get(kind).asLong();
    }

    /** Every listed value of a kind across files, normalised, as a multiset. */
    Map<String, Integer> list(String group, String kind) {
        Map<String, Integer> out = new HashMap<>();
        for (var f : truth.get("files").properties()) {
            JsonNode l = f.getValue().get(group);
            if (l == null || l.get(kind) == null) {
                continue;
            }
            for (JsonNode v : l.get(kind)) {
                out.merge(normalise(kind, v.asString()), 1, Integer::sum);
            }
        }
        return out;
    }

    static String normalise(String kind, String v) {
        String compact = v.replace(" ", "");
        if (kind.equals("phone")) {
            String d = compact.replaceAll("[^0-9]", "");
            if (d.startsWith("00355")) {
                d = d.substring(5);
            } else if (d.startsWith("355")) {
                d = d.substring(3);
            } else if (d.startsWith("0")) {
                d = d.substring(1);
            }
            return d;
        }
        return compact.toUpperCase(java.util.Locale.ROOT);
    }
}
