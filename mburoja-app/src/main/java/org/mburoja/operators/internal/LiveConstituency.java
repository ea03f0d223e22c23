package org.mburoja.operators.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.operators.Operator;
import org.mburoja.operators.internal.IpBlock.IpAddress;

/**
 * A {@link ConstituencyIndex} that follows registry changes without making lookups wait for a rebuild. Each change
 * goes into a small overlay of pending operators and schedules one background rebuild (changes arriving meanwhile
 * are coalesced into the next). A lookup consults the last built index, ignoring the owners that changed since, and
 * the overlay's operators directly, and takes the most specific answer of the two. So an answer is always current,
 * a lookup never blocks on the several seconds a million-range rebuild takes, and the overlay stays small.
 *
 * <p>Plain Java (no Spring): the loader supplies every operator once, on first use; the executor runs rebuilds.
 */
final class LiveConstituency {

    /** One owner of the looked-up thing and the registered asset that matched. */
    record Hit(Operator operator, String asset) {
    }

    private record Built(ConstituencyIndex index, Operator[] owners, long seq) {
    }

    /** A changed operator ({@code operator == null}: deleted) with its assets ready for matching. */
    private record Change(long seq, Operator operator, List<IpBlock> blocks, Set<String> domains, Set<Long> asns) {
    }

    private record State(Built built, Map<OrganisationId, Change> pending) {
    }

    private final Supplier<Map<OrganisationId, Operator>> loader;
    private final Executor rebuilder;
    private final Object lock = new Object();
    private Map<OrganisationId, Operator> current; // guarded by lock; null until loaded
    private long seq;                              // guarded by lock
    private boolean rebuildQueued;                 // guarded by lock
    private volatile State state;

    LiveConstituency(Supplier<Map<OrganisationId, Operator>> loader, Executor rebuilder) {
        this.loader = loader;
        this.rebuilder = rebuilder;
    }

    /** Records a committed change ({@code operator == null} for a deletion). */
    void changed(OrganisationId id, Operator operator) {
        synchronized (lock) {
            if (current == null) {
                return; // not loaded yet: the first lookup loads the committed state, this change included
            }
            seq++;
            if (operator == null) {
                current.remove(id);
            } else {
                current.put(id, operator);
            }
            Map<OrganisationId, Change> pending = new HashMap<>(state.pending());
            pending.put(id, change(seq, operator));
            state = new State(state.built(), Map.copyOf(pending));
            if (!rebuildQueued) {
                rebuildQueued = true;
                rebuilder.execute(this::rebuild);
            }
        }
    }

    /** Builds an index of every operator as of now and drops the overlay entries it includes. */
    void rebuild() {
        List<Operator> operators;
        long upTo;
        synchronized (lock) {
            rebuildQueued = false;
            operators = new ArrayList<>(current.values());
            upTo = seq;
        }
        Built built = build(operators, upTo);
        synchronized (lock) {
            if (built.seq() < state.built().seq()) {
                return;
            }
            Map<OrganisationId, Change> pending = new HashMap<>();
            state.pending().forEach((id, c) -> {
                if (c.seq() > upTo) {
                    pending.put(id, c);
                }
            });
            state = new State(built, Map.copyOf(pending));
        }
    }

    /** How many changed operators lookups currently check besides the index (for tests and metrics). */
    int pendingChanges() {
        State s = state;
        return s == null ? 0 : s.pending().size();
    }

    List<Hit> byIp(IpAddress address) {
        State s = state();
        Built b = s.built();
        ConstituencyIndex index = b.index();
        int bestPrefix = -1;
        String asset = null;
        List<Operator> best = new ArrayList<>();
        for (int blk = index.blockOf(address); blk >= 0; blk = index.parentOf(address.v6(), blk)) {
            List<Operator> owners = unchanged(b, index.ownersOfBlock(address.v6(), blk), s.pending());
            if (!owners.isEmpty()) {
                IpBlock block = index.blockAt(address.v6(), blk);
                bestPrefix = block.prefix();
                asset = block.toString();
                best.addAll(owners);
                break;
            }
        }
        for (Change c : s.pending().values()) {
            if (c.operator() == null) {
                continue;
            }
            for (IpBlock block : c.blocks()) {
                if (block.contains(address) && block.prefix() >= bestPrefix) {
                    if (block.prefix() > bestPrefix) {
                        best.clear();
                        bestPrefix = block.prefix();
                        asset = block.toString();
                    }
                    best.add(c.operator());
                }
            }
        }
        return hits(best, asset);
    }

    List<Hit> byDomain(String asciiName) {
        State s = state();
        Built b = s.built();
        String name = asciiName;
        while (true) {
            List<Operator> owners = unchanged(b, b.index().exactDomain(name), s.pending());
            for (Change c : s.pending().values()) {
                if (c.operator() != null && c.domains().contains(name)) {
                    owners.add(c.operator());
                }
            }
            if (!owners.isEmpty()) {
                return hits(owners, name);
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return List.of();
            }
            name = name.substring(dot + 1);
        }
    }

    List<Hit> byAsn(long asn) {
        State s = state();
        List<Operator> owners = unchanged(s.built(), s.built().index().lookupAsn(asn), s.pending());
        for (Change c : s.pending().values()) {
            if (c.operator() != null && c.asns().contains(asn)) {
                owners.add(c.operator());
            }
        }
        return hits(owners, "AS" + asn);
    }

    private State state() {
        State s = state;
        if (s != null) {
            return s;
        }
        synchronized (lock) {
            if (state == null) {
                current = new LinkedHashMap<>(loader.get());
                state = new State(build(current.values(), seq), Map.of());
            }
            return state;
        }
    }

    /** The index owners that have not changed since it was built. */
    private static List<Operator> unchanged(Built b, int[] owners, Map<OrganisationId, Change> pending) {
        List<Operator> out = new ArrayList<>(owners.length);
        for (int o : owners) {
            Operator op = b.owners()[o];
            if (!pending.containsKey(op.id())) {
                out.add(op);
            }
        }
        return out;
    }

    private static List<Hit> hits(List<Operator> owners, String asset) {
        return owners.stream().map(o -> new Hit(o, asset)).toList();
    }

    private static Change change(long seq, Operator o) {
        if (o == null) {
            return new Change(seq, null, List.of(), Set.of(), Set.of());
        }
        return new Change(seq, o, o.ipRanges().stream().map(IpBlock::parse).toList(), new HashSet<>(o.domains()),
                new HashSet<>(o.asns()));
    }

    private static Built build(Collection<Operator> operators, long seq) {
        ConstituencyIndex.Builder b = ConstituencyIndex.builder();
        Operator[] owners = operators.toArray(Operator[]::new);
        for (int i = 0; i < owners.length; i++) {
            for (String r : owners[i].ipRanges()) {
                b.addBlock(IpBlock.parse(r), i);
            }
            for (String d : owners[i].domains()) {
                b.addDomain(d, i);
            }
            for (long asn : owners[i].asns()) {
                b.addAsn(asn, i);
            }
        }
        return new Built(b.build(), owners, seq);
    }
}
