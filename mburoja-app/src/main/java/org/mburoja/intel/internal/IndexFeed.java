package org.mburoja.intel.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed store changes to the {@link LiveIndicators} from one background thread, so that an ingest never
 * waits for the index. Changes are applied in the order they were handed over; consecutive writes are coalesced
 * for up to {@code coalesce} (or {@code maxRows} rows) into one update of the index, because each update costs in
 * proportion to the index's pending delta, not to the update: a stream of small commits would otherwise pay that
 * cost per commit. A reader that must see every change committed before it asked calls {@link #awaitApplied},
 * which also cuts the coalescing short.
 */
final class IndexFeed {

    private static final Logger log = LoggerFactory.getLogger(IndexFeed.class);

    private record Item(List<String> ids, List<StixIngest.LatestRow> written) {
        int size() {
            return ids.size() + written.size();
        }
    }

    private static final Item WAKE = new Item(List.of(), List.of());

    private final LiveIndicators live;
    private final long coalesceNanos;
    private final int maxRows;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicLong handedOver = new AtomicLong();
    private final Object monitor = new Object();
    private long applied;
    private volatile boolean hurry;
    private final Thread thread;

    IndexFeed(LiveIndicators live, Duration coalesce, int maxRows) {
        this.live = live;
        this.coalesceNanos = coalesce.toNanos();
        this.maxRows = maxRows;
        this.thread = Thread.ofPlatform().daemon().name("indicator-index-feed").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void stop() {
        thread.interrupt();
    }

    /** Hands over one commit's changes: ids to read again, and rows written. */
    void offer(List<String> ids, List<StixIngest.LatestRow> written) {
        if (ids.isEmpty() && written.isEmpty()) {
            return;
        }
        handedOver.incrementAndGet();
        queue.add(new Item(List.copyOf(ids), List.copyOf(written)));
    }

    /**
     * Waits until every change handed over before this call has been applied, at most {@code timeout}.
     *
     * @return false on timeout
     */
    boolean awaitApplied(Duration timeout) throws InterruptedException {
        long target = handedOver.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            if (applied >= target) {
                return true;
            }
        }
        hurry = true;
        queue.add(WAKE);
        synchronized (monitor) {
            while (applied < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
        }
        return true;
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Item> batch = new ArrayList<>();
                Item first = queue.take();
                batch.add(first);
                int rows = first.size();
                long deadline = System.nanoTime() + coalesceNanos;
                while (!hurry && rows < maxRows) {
                    long left = deadline - System.nanoTime();
                    Item next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    rows += next.size();
                }
                hurry = false;
                queue.drainTo(batch);
                try {
                    apply(batch);
                } finally {
                    synchronized (monitor) {
                        applied += real(batch);
                        monitor.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int real(List<Item> batch) {
        int n = 0;
        for (Item i : batch) {
            if (i != WAKE) {
                n++;
            }
        }
        return n;
    }

    /** Applies in order, the writes between two read-agains coalesced; a failure rebuilds the index. */
    private void apply(List<Item> batch) {
        List<StixIngest.LatestRow> written = new ArrayList<>();
        try {
            for (Item i : batch) {
                if (!i.ids().isEmpty()) {
                    live.written(written);
                    written = new ArrayList<>();
                    live.changed(i.ids());
                }
                written.addAll(i.written());
            }
            live.written(written);
        } catch (RuntimeException e) {
            log.error("indicator index: applying {} changes failed ({}); rebuilding it from the store",
                    real(batch), e.toString());
            try {
                live.rebuild();
            } catch (RuntimeException again) {
                log.error("indicator index: the rebuild failed too ({}); the next scheduled one will retry",
                        again.toString());
            }
        }
    }
}
