package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Hot reload: while events flow, each event is judged wholly by the old rule set or wholly by the new one. */
class LiveRulesTest {

    private static SigmaEngine engine(String fixture) throws Exception {
        String text = new String(LiveRulesTest.class.getResourceAsStream("/live/" + fixture).readAllBytes());
        return SigmaEngine.compile(SigmaRules.parse(text, fixture), EngineOptions.defaults().withEvaluateUnmapped(true));
    }

    @Test
    void swapsRuleSetsAtomicallyWhileEventsFlow() throws Exception {
        SigmaEngine v1 = engine("v1.yml");
        SigmaEngine v2 = engine("v2.yml");
        LiveRules live = new LiveRules(v1);
        Event event = Event.of(Map.of("A", "1", "B", "1"));
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<List<String>> seen = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int t = 0; t < 2; t++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    seen.add(live.evaluate(event).stream().map(Match::ruleId).sorted().toList());
                }
            });
        }
        for (int i = 0; i < 200; i++) {
            live.swap(i % 2 == 0 ? v2 : v1);
            Thread.sleep(1);
        }
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).isNotEmpty().allSatisfy(ids -> assertThat(ids).isIn(List.of("v1-a", "v1-b"), List.of("v2-a")));
        assertThat(live.current()).isSameAs(v1);
    }
}
