package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyTableFilterTest {

    @Test
    void sealedFilterKeepsEveryKeyAndRejectsMostAbsentKeys() {
        Random r = new Random(3);
        KeyTable t = new KeyTable(4, 16);
        long[][] keys = new long[50_000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new long[] {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()};
            t.put(keys[i][0], keys[i][1], keys[i][2], keys[i][3], i);
        }
        t.seal();
        for (int i = 0; i < keys.length; i++) {
            assertThat(t.find(keys[i][0], keys[i][1], keys[i][2], keys[i][3])).isEqualTo(i);
        }
        int passed = 0;
        for (int i = 0; i < 100_000; i++) {
            passed += t.mayContain(KeyTable.mix(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong())) ? 1 : 0;
        }
        assertThat(passed).as("absent keys passing the filter").isLessThan(10_000);
    }

    @Test
    void putAfterSealDropsTheFilterSoNewKeysAreFound() {
        KeyTable t = new KeyTable(1, 16);
        t.put(1, 0, 0, 0, 0);
        t.seal();
        t.put(2, 0, 0, 0, 1);
        assertThat(t.find(2, 0, 0, 0)).isEqualTo(1);
        assertThat(t.find(1, 0, 0, 0)).isZero();
        assertThat(t.find(3, 0, 0, 0)).isEqualTo(-1);
    }
}
