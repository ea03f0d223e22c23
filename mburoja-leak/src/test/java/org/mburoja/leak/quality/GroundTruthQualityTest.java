package org.mburoja.leak.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.leak.EntityType;
import org.mburoja.leak.LeakScanner;
import org.mburoja.leak.ScanOptions;
import org.mburoja.leak.ScanProgress;
import org.mburoja.leak.ScanReport;

/**
 * Precision, recall and person counts against the generator's ground truth, for every format and several seeds.
 * Identifiers with check digits or a fixed shape (NID, NIPT, IBAN, phone, plate) must reach 99.5%; the other types
 * are printed for the record.
 */
class GroundTruthQualityTest {

    static List<Arguments> dumps() {
        List<Arguments> out = new ArrayList<>();
        for (String format : List.of("mixed", "csv", "jsonl", "sql", "text")) {
            for (int seed : List.of(1, 17, 4242)) {
                out.add(Arguments.of(format, seed, format.equals("mixed") ? 3000 : 1500));
            }
        }
        // at scale namesakes are common: person linking must not merge them (a name-only link would lose 5-10%)
        out.add(Arguments.of("mixed", 99, 60_000));
        return out;
    }

    @ParameterizedTest(name = "{0} seed {1}, {2} records")
    @MethodSource("dumps")
    void matchesGroundTruthOnGeneratedDump(String format, int seed, int records) throws Exception {
        GeneratedDump dump = GeneratedDump.generate(format, seed, records);
        Map<String, Map<String, Integer>> found = new ConcurrentHashMap<>();
        Map<String, Map<String, Integer>> rejected = new ConcurrentHashMap<>();
        LeakScanner scanner = new LeakScanner(ScanOptions.defaults().withListener((file, type, value, valid) ->
                (valid ? found : rejected).computeIfAbsent(type.key(), k -> new HashMap<>())
                        .merge(GeneratedDump.normalise(type.key(), value), 1, Integer::sum)));
        ScanReport report = scanner.scan(dump.files(), ScanProgress.NONE);

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%n%s seed %d%n", format, seed));
        for (String kind : List.of("nid", "nipt", "iban", "phone")) {
            Map<String, Integer> truth = dump.list("lists", kind);
            Map<String, Integer> got = found.getOrDefault(kind, Map.of());
            long tp = 0;
            for (var e : got.entrySet()) {
                tp += Math.min(e.getValue(), truth.getOrDefault(e.getKey(), 0));
            }
            long nGot = got.values().stream().mapToLong(Integer::longValue).sum();
            long nTruth = truth.values().stream().mapToLong(Integer::longValue).sum();
            double precision = nGot == 0 ? 1 : tp / (double) nGot;
            double recall = nTruth == 0 ? 1 : tp / (double) nTruth;
            table.append(String.format(Locale.ROOT, "  %-22s truth %6d found %6d precision %.4f recall %.4f%n",
                    kind, nTruth, nGot, precision, recall));
            assertThat(precision).as("%s precision", kind).isGreaterThanOrEqualTo(0.995);
            assertThat(recall).as("%s recall", kind).isGreaterThanOrEqualTo(0.995);
        }
        for (String kind : List.of("plate", "email", "birth_date", "salary", "political_preference", "person_name")) {
            long truth = dump.totalEntity(kind);
            long got = report.count(EntityType.valueOf(kind.toUpperCase(Locale.ROOT)));
            table.append(String.format(Locale.ROOT, "  %-22s truth %6d found %6d ratio %.4f%n", kind, truth, got,
                    truth == 0 ? 1.0 : got / (double) truth));
        }
        long plates = dump.totalEntity("plate");
        assertThat(report.count(EntityType.PLATE)).as("plates (counts only in the truth)")
                .isBetween((long) Math.floor(plates * 0.995), (long) Math.ceil(plates * 1.005));

        for (String decoy : List.of("nid_bad_check", "nipt_bad_check", "iban_bad_mod97")) {
            String kind = decoy.substring(0, decoy.indexOf('_'));
            Map<String, Integer> decoys = dump.list("decoy_lists", decoy);
            for (String d : decoys.keySet()) {
                assertThat(found.getOrDefault(kind, Map.of())).as("decoy counted as %s", kind).doesNotContainKey(d);
            }
            table.append(String.format(Locale.ROOT, "  decoy %-16s truth %6d rejected %6d%n", decoy,
                    decoys.values().stream().mapToInt(Integer::intValue).sum(),
                    rejected.getOrDefault(kind, Map.of()).values().stream().mapToInt(Integer::intValue).sum()));
        }
        long persons = dump.total("distinct_persons");
        long all = dump.total("distinct_persons_all");
        table.append(String.format(Locale.ROOT, "  distinct_nids %d (truth %d), distinct_persons %d (truth all %d)%n",
                report.distinctNids(), persons, report.distinctPersons(), all));
        System.out.print(table);
        assertThat(report.distinctNids()).isEqualTo(persons);
        assertThat((double) report.distinctPersons()).isBetween(all * 0.98, all * 1.02);
    }
}
