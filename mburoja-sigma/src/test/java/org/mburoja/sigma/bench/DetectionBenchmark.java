package org.mburoja.sigma.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mburoja.sigma.EngineOptions;
import org.mburoja.sigma.Event;
import org.mburoja.sigma.JsonEvents;
import org.mburoja.sigma.LogSourceMapping;
import org.mburoja.sigma.SigmaEngine;
import org.mburoja.sigma.SigmaRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: cost per event of JSON parsing and of detection with every SigmaHQ rule loaded, cycling through the
 * EVTX-ATTACK events. Run: {@code java -cp ... org.openjdk.jmh.Main DetectionBenchmark -p shared=../shared}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class DetectionBenchmark {

    @org.openjdk.jmh.annotations.Param("../shared")
    public String shared;

    private SigmaEngine engine;
    private List<String> lines;
    private Event[] events;
    private int next;

    @Setup
    public void setup() throws Exception {
        Path data = Path.of(shared, "data");
        engine = SigmaEngine.compile(SigmaRules.load(List.of(data.resolve("sigma/rules"), data.resolve("sigma/rules-emerging-threats"))),
                EngineOptions.defaults().withMapping(LogSourceMapping.load(data.resolve("sigma/logsource-mapping.yml"))));
        lines = Files.readAllLines(data.resolve("evtx-attack/events.jsonl"));
        events = new Event[lines.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = JsonEvents.parse(lines.get(i));
        }
    }

    /** Baseline: JSON parsing alone. */
    @Benchmark
    public Event parse() throws Exception {
        int i = next++ % lines.size();
        return JsonEvents.parse(lines.get(i));
    }

    /** Detection (routing, pre-filter, rules) on an already parsed event. */
    @Benchmark
    public Object detect() {
        int i = next++ % events.length;
        return engine.detect(events[i]);
    }

    /** Both: what one event costs from its JSON line. */
    @Benchmark
    public Object parseAndDetect() throws Exception {
        int i = next++ % lines.size();
        return engine.detect(JsonEvents.parse(lines.get(i)));
    }
}
