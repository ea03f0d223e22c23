package org.mburoja.sigma.hunt;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mburoja.sigma.EngineOptions;
import org.mburoja.sigma.JsonEvents;
import org.mburoja.sigma.LogSourceMapping;
import org.mburoja.sigma.Match;
import org.mburoja.sigma.RuleProblem;
import org.mburoja.sigma.SigmaEngine;
import org.mburoja.sigma.SigmaRules;
import org.mburoja.sigma.internal.parse.YamlText;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs a hunt. The calling thread reads lines in batches of {@value #BATCH}; {@code threads} workers parse JSON and
 * run the detection rules (stateless, in parallel); one writer takes the batches back in input order, feeds the
 * correlation rules and writes matches, so output order and correlation results do not depend on the thread count.
 * At most {@code 4 × threads} batches are in flight, which bounds memory whatever the input size.
 */
public final class Hunt {

    static final int BATCH = 512;
    private static final int SAMPLES = 20;

    private Hunt() {
    }

    /** Thrown when the hunt cannot start (missing rule or event path, bad mapping); the message says why. */
    public static final class HuntException extends Exception {
        public HuntException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Batch(String source, long[] lines, Object[] results) {
    }

    public static HuntReport run(HuntOptions o, InputStream stdin, PrintStream out, PrintStream err) throws HuntException {
        long t0 = System.nanoTime();
        SigmaRules rules;
        EngineOptions options = EngineOptions.defaults();
        List<EventSources.Source> sources;
        try {
            rules = SigmaRules.load(o.rules(), o.ruleCache());
            if (o.mapping() != null) {
                options = options.withMapping(LogSourceMapping.load(o.mapping())).withEvaluateUnmapped(o.unmappedAll());
            } else {
                options = options.withEvaluateUnmapped(true);
            }
            if (o.placeholders() != null) {
                options = options.withPlaceholders(placeholders(o.placeholders()));
            }
            sources = EventSources.resolve(o.events());
        } catch (IOException | IllegalArgumentException e) {
            throw new HuntException(e instanceof java.nio.file.NoSuchFileException n
                    ? n.getFile() + ": " + n.getReason() : e.getMessage(), e);
        }
        SigmaEngine engine = SigmaEngine.compile(rules, options);
        long compileMs = (System.nanoTime() - t0) / 1_000_000;
        List<RuleProblem> rejected = new ArrayList<>(rules.problems());
        rejected.addAll(engine.problems());
        int loaded = engine.detectionRuleCount() + engine.correlationRuleCount() + engine.filterCount();

        // matches go through a buffer of their own: System.out flushes on every write, one system call per match
        // (146,000 on a million EVTX events); the writer flushes it whenever it has caught up with the workers, so
        // the matches of a live stream are not held back
        PrintStream matchOut = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, out.charset());
        MatchOutput output = MatchOutput.of(o.output(), matchOut);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        AtomicLong events = new AtomicLong();
        AtomicLong malformed = new AtomicLong();
        AtomicLong matchTotal = new AtomicLong();
        List<String> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        int threads = Math.max(1, o.threads());
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hunt-worker");
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<Future<Batch>> queue = new ArrayBlockingQueue<>(threads * 4);
        Future<Batch> end = CompletableFuture.completedFuture(null);
        long[] scanStart = {0};
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    Future<Batch> f = queue.take();
                    if (f == end) {
                        return;
                    }
                    Batch b;
                    try {
                        b = f.get();
                    } catch (ExecutionException e) {
                        failure.compareAndSet(null, e.getCause());
                        continue;
                    }
                    for (int i = 0; i < b.results.length; i++) {
                        Object r = b.results[i];
                        if (r instanceof String reason) {
                            malformed.incrementAndGet();
                            if (samples.size() < SAMPLES) {
                                samples.add(b.source + ":" + b.lines[i] + ": " + reason);
                            }
                            continue;
                        }
                        events.incrementAndGet();
                        for (Match m : engine.correlate((SigmaEngine.Detected) r)) {
                            if (o.minLevel() != null && (m.level() == null || m.level().compareTo(o.minLevel()) < 0)) {
                                continue;
                            }
                            counts.merge(m.ruleId(), 1L, Long::sum);
                            titles.putIfAbsent(m.ruleId(), m.title());
                            matchTotal.incrementAndGet();
                            output.write(m, b.source, b.lines[i]);
                        }
                    }
                    if (queue.isEmpty()) {
                        matchOut.flush();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                queue.clear();
            }
        }, "hunt-writer");
        writer.start();
        Progress progress = o.progress() ? new Progress(err, events, matchTotal) : null;
        try {
            for (EventSources.Source s : sources) {
                List<ByteLineReader.Line> batch = new ArrayList<>(BATCH);
                long lastLine = 0;
                try (ByteLineReader r = EventSources.open(s, stdin, o.maxLineChars())) {
                    ByteLineReader.Line line;
                    while ((line = r.next()) != null) {
                        lastLine = line.number();
                        if (scanStart[0] == 0) {
                            scanStart[0] = System.nanoTime();
                        }
                        if (line.bytes() != null && ByteLineReader.isBlank(line.bytes())) {
                            continue;
                        }
                        batch.add(line);
                        // a full batch, or what there is when the input pauses (a live stream on stdin: its
                        // matches must not wait for the next 511 events)
                        if (batch.size() == BATCH || r.wouldBlock()) {
                            submit(queue, workers, engine, s.name(), batch, o.maxLineChars());
                            batch = new ArrayList<>(BATCH);
                        }
                    }
                } catch (IOException e) {
                    // what was read before the failure (a truncated gzip file, a disk error) is still hunted
                    malformed.incrementAndGet();
                    if (samples.size() < SAMPLES) {
                        samples.add(s.name() + (lastLine == 0 ? ": unreadable: " : ": unreadable after line "
                                + lastLine + ": ") + e.getMessage());
                    }
                }
                if (!batch.isEmpty()) {
                    submit(queue, workers, engine, s.name(), batch, o.maxLineChars());
                }
            }
            queue.put(end);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HuntException("interrupted", e);
        } finally {
            matchOut.flush(); // what was written before a failure or an interrupt is kept
            workers.shutdownNow();
            if (progress != null) {
                progress.stop();
            }
        }
        if (failure.get() != null) {
            throw new HuntException("hunt failed: " + failure.get(), failure.get());
        }
        output.finish();
        long scanMs = scanStart[0] == 0 ? 0 : (System.nanoTime() - scanStart[0]) / 1_000_000;
        HuntReport report = new HuntReport(loaded, List.copyOf(rejected), engine.inactiveRuleCount(), events.get(),
                malformed.get(), List.copyOf(samples), counts, titles, compileMs, scanMs, threads, engine.regexAborted());
        if (o.summaryJson() != null) {
            try {
                Files.writeString(o.summaryJson(), report.toJson() + System.lineSeparator());
            } catch (IOException e) {
                throw new HuntException("cannot write " + o.summaryJson() + ": " + e.getMessage(), e);
            }
        }
        return report;
    }

    private static void submit(BlockingQueue<Future<Batch>> queue, ExecutorService workers, SigmaEngine engine,
                               String source, List<ByteLineReader.Line> lines, int maxLine) throws InterruptedException {
        queue.put(workers.submit(() -> {
            long[] numbers = new long[lines.size()];
            Object[] results = new Object[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                ByteLineReader.Line l = lines.get(i);
                numbers[i] = l.number();
                if (l.bytes() == null) {
                    results[i] = String.format("line of %,d characters exceeds the limit of %,d", l.length(), maxLine);
                    continue;
                }
                String failed = l.bytes().length > 1 && l.bytes()[0] == 0 ? JsonValueLines.failed(l.bytes()) : null;
                if (failed != null) {
                    results[i] = failed; // what a JSON array's reader could not make into a line
                    continue;
                }
                try {
                    results[i] = engine.detect(JsonEvents.parse(l.bytes()));
                } catch (JsonEvents.MalformedEventException e) {
                    results[i] = e.getMessage();
                }
            }
            return new Batch(source, numbers, results);
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> placeholders(java.nio.file.Path file) throws IOException {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(YamlText.read(file));
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": placeholders must be a YAML map of name to list of values");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v))));
        return out;
    }

    /** Prints "events, events/s, matches" to stderr once a second, on one line. */
    private static final class Progress {
        private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hunt-progress");
            t.setDaemon(true);
            return t;
        });
        private final PrintStream err;

        Progress(PrintStream err, AtomicLong events, AtomicLong matches) {
            this.err = err;
            long start = System.nanoTime();
            timer.scheduleAtFixedRate(() -> {
                double secs = (System.nanoTime() - start) / 1e9;
                err.printf("\r%,d events  %,.0f events/s  %,d matches   ", events.get(), events.get() / Math.max(secs, 1e-3),
                        matches.get());
                err.flush();
            }, 1, 1, TimeUnit.SECONDS);
        }

        void stop() {
            timer.shutdownNow();
            err.print("\r\033[K");
            err.flush();
        }
    }
}
