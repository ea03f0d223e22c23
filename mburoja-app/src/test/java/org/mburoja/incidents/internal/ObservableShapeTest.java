package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

class ObservableShapeTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvFileSource(resources = "observables.csv", numLinesToSkip = 1)
    void normalisesValidObservablesAndRefusesMalformedOnes(CaseWorkService.Kind kind, String input, String expected) {
        assertThat(CaseWorkService.normalise(kind, input)).isEqualTo(expected);
    }

    static Stream<String> hostile() {
        Random random = new Random(20261123L);
        return IntStream.range(0, 200).mapToObj(i -> {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(300);
            for (int j = 0; j < len; j++) {
                String alphabet = "a.-:0/@\\%\u0000\u00eb9xF[]";
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return sb.toString();
        });
    }

    /** Seeded random strings of the characters observables are made of never crash the checks. */
    @ParameterizedTest
    @MethodSource("hostile")
    void randomInputNeverThrows(String input) {
        for (CaseWorkService.Kind k : CaseWorkService.Kind.values()) {
            String out = CaseWorkService.normalise(k, input);
            if (out != null && (k == CaseWorkService.Kind.IP || k == CaseWorkService.Kind.HASH)) {
                assertThat(out).doesNotContain("\u0000");
            }
        }
    }
}
