package org.mburoja.sigma;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine in use, swappable while events flow: {@link #swap} publishes a newly compiled engine atomically, so
 * every event is evaluated entirely by the old rules or entirely by the new ones. Correlation windows belong to an
 * engine and start empty after a swap (a rule change can change what a window means).
 */
public final class LiveRules {

    private final AtomicReference<SigmaEngine> current;

    public LiveRules(SigmaEngine initial) {
        this.current = new AtomicReference<>(initial);
    }

    public SigmaEngine current() {
        return current.get();
    }

    /** Installs {@code next} and returns the engine it replaced. */
    public SigmaEngine swap(SigmaEngine next) {
        return current.getAndSet(next);
    }

    public List<Match> evaluate(Event event) {
        return current.get().evaluate(event);
    }
}
