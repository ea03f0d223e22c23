package org.mburoja.stix.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index's table hash is seeded per process: keys that someone found to share one home slot under one seed (as
 * a hostile feed would, to make one long run of slots that every lookup landing there must walk) spread out under
 * another, and the process's own hash is the seeded one.
 */
class HashSeedTest {

    private static final int SLOTS = 1024;

    /** Keys whose hash under {@code seed} falls into home slot 0 of a 1,024-slot table, found by trying. */
    private static List<long[]> collidingKeys(long seed, Random r, int wanted, int width) {
        List<long[]> keys = new ArrayList<>();
        while (keys.size() < wanted) {
            long[] k = {r.nextLong(), width > 1 ? r.nextLong() : 0, width > 2 ? r.nextLong() : 0,
                width > 3 ? r.nextLong() : 0};
            if ((KeyTable.mix(seed, k[0], k[1], k[2], k[3]) & (SLOTS - 1)) == 0) {
                keys.add(k);
            }
        }
        return keys;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void keysPlannedToCollideUnderOneSeedSpreadUnderAnother(int width) {
        Random r = new Random(5 + width);
        long planned = r.nextLong();
        List<long[]> keys = collidingKeys(planned, r, 64, width);
        for (long other : new long[] {planned + 1, r.nextLong(), KeyTable.SEED == planned ? 7 : KeyTable.SEED}) {
            Set<Long> homes = new HashSet<>();
            for (long[] k : keys) {
                homes.add(KeyTable.mix(other, k[0], k[1], k[2], k[3]) & (SLOTS - 1));
            }
            // 64 keys thrown into 1,024 slots at random fill about 62 distinct ones
            assertThat(homes).as("home slots under another seed").hasSizeGreaterThan(50);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theTablesUseThisProcesssSeed(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 100; i++) {
            long a = r.nextLong();
            long b = r.nextLong();
            assertThat(KeyTable.mix(a, b, 0, 0)).isEqualTo(KeyTable.mix(KeyTable.SEED, a, b, 0, 0));
        }
    }
}
