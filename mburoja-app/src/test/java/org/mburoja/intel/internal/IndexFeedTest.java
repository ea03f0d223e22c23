package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mburoja.intel.internal.LiveIndicatorsTest.COLLECTIONS;
import static org.mburoja.intel.internal.LiveIndicatorsTest.T0;
import static org.mburoja.intel.internal.LiveIndicatorsTest.indicator;
import static org.mburoja.intel.internal.LiveIndicatorsTest.indicatorId;
import static org.mburoja.intel.internal.LiveIndicatorsTest.value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mburoja.stix.marking.Tlp;

/** The background feed applies every handed-over change in order, and a reader can wait for all of them. */
class IndexFeedTest {

    private IndexFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aReaderWaitingForTheFeedSeesEveryChangeHandedOverBeforeInOrder(long seed) throws Exception {
        Random r = new Random(seed);
        LiveIndicatorsTest.MovingClock clock = new LiveIndicatorsTest.MovingClock();
        LiveIndicatorsTest.FakeStore store = new LiveIndicatorsTest.FakeStore();
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 1 + r.nextInt(100));
        live.rebuild();
        // a long coalescing delay: only the reader's wait makes it apply early
        feed = new IndexFeed(live, Duration.ofSeconds(r.nextBoolean() ? 30 : 0), 1 + r.nextInt(50));
        feed.start();
        for (int step = 0; step < 200; step++) {
            String id = indicatorId(r.nextInt(15));
            if (r.nextInt(6) == 0) {
                store.delete(COLLECTIONS.get(r.nextInt(3)), id);
                feed.offer(List.of(id), List.of());
            } else {
                boolean revoked = r.nextInt(8) == 0;
                var row = store.put(COLLECTIONS.get(r.nextInt(3)), id, indicator(id, r.nextInt(8),
                        T0.plusMillis(step), T0.minusSeconds(60), null, revoked), revoked, Tlp.GREEN,
                        T0.plusMillis(step));
                feed.offer(List.of(), List.of(row));
            }
            if (r.nextInt(20) == 0) {
                assertThat(feed.awaitApplied(Duration.ofSeconds(10))).isTrue();
                assertThat(LiveIndicatorsTest.answers(live, 8, T0))
                        .isEqualTo(LiveIndicatorsTest.oracle(store, T0));
            }
        }
        assertThat(feed.awaitApplied(Duration.ofSeconds(10))).isTrue();
        assertThat(LiveIndicatorsTest.answers(live, 8, T0)).isEqualTo(LiveIndicatorsTest.oracle(store, T0));
    }

    @Test
    void aFailedUpdateRebuildsTheIndexFromTheStore() throws Exception {
        LiveIndicatorsTest.MovingClock clock = new LiveIndicatorsTest.MovingClock();
        LiveIndicatorsTest.FakeStore store = new LiveIndicatorsTest.FakeStore();
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 50_000);
        live.rebuild();
        feed = new IndexFeed(live, Duration.ZERO, 10);
        feed.start();
        String id = indicatorId(1);
        store.put(COLLECTIONS.get(0), id, indicator(id, 1, T0, T0.minusSeconds(60), null, false), false, Tlp.CLEAR, T0);
        // a row that cannot be applied (a null collection): the feed falls back to a rebuild, which reads the store
        var broken = new StixIngest.LatestRow(new StixRows.NewRow(99, null, id, "indicator", "2.1", T0, "x", T0,
                false, true, true, Tlp.CLEAR, null, null, "local", null, List.of(), List.of()), null);
        feed.offer(List.of(), List.of(broken));
        assertThat(feed.awaitApplied(Duration.ofSeconds(10))).isTrue();
        assertThat(LiveIndicatorsTest.answers(live, 4, T0)).containsOnlyKeys(value(1));
        assertThat(live.state().generation()).isEqualTo(2);
    }

    @Test
    void writersOnManyThreadsLoseNothing() throws Exception {
        LiveIndicatorsTest.MovingClock clock = new LiveIndicatorsTest.MovingClock();
        LiveIndicatorsTest.FakeStore store = new LiveIndicatorsTest.FakeStore();
        LiveIndicators live = new LiveIndicators(store, clock, 0.05, 50_000);
        live.rebuild();
        feed = new IndexFeed(live, Duration.ofMillis(5), 100);
        feed.start();
        CountDownLatch done = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = t * 50;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = from; i < from + 50; i++) {
                    String id = indicatorId(i);
                    feed.offer(List.of(), List.of(store.put(COLLECTIONS.get(i % 3), id, indicator(id, i % 8, T0,
                            T0.minusSeconds(60), null, false), false, Tlp.GREEN, T0)));
                }
                done.countDown();
            }));
        }
        done.await();
        assertThat(feed.awaitApplied(Duration.ofSeconds(10))).isTrue();
        assertThat(live.state().indicators()).isEqualTo(200);
        assertThat(live.state().generation()).as("no failed update (which would rebuild)").isEqualTo(1);
        assertThat(LiveIndicatorsTest.answers(live, 8, T0)).isEqualTo(LiveIndicatorsTest.oracle(store, T0));
    }
}
