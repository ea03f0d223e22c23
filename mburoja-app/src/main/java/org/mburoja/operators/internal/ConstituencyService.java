package org.mburoja.operators.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.operators.Constituency;
import org.mburoja.operators.ConstituencyMatch;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorChanged;
import org.mburoja.operators.internal.IpBlock.IpAddress;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps a {@link ConstituencyIndex} in step with the registry. The assets of every operator are loaded on first use;
 * each committed change ({@link OperatorChanged}) updates that map and marks the index stale, and the next lookup
 * rebuilds it (so an import of a thousand rows costs one rebuild, not a thousand). Lookups on a current index take
 * no lock.
 *
 * <p>Limit: the index follows changes made through this server; a second server node on the same database would
 * see another node's changes only after its own next change or a restart.
 */
@Service
class ConstituencyService implements Constituency {

    private record Snapshot(ConstituencyIndex index, Operator[] owners) {
    }

    private final OperatorStore store;
    private final Object lock = new Object();
    private Map<OrganisationId, Operator> operators; // guarded by lock; null until first use
    private volatile Snapshot snapshot;

    ConstituencyService(OperatorStore store) {
        this.store = store;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(OperatorChanged change) {
        synchronized (lock) {
            if (operators != null) {
                if (change.operator() == null) {
                    operators.remove(change.id());
                } else {
                    operators.put(change.id(), change.operator());
                }
            }
            snapshot = null;
        }
    }

    @Override
    public List<ConstituencyMatch> byIp(Actor actor, String address) {
        OperatorAccess.requireStaffRead(actor);
        IpAddress a = IpAddress.parse(address);
        Snapshot s = current();
        ConstituencyIndex.IpMatch m = s.index().lookup(a);
        return m == null ? List.of() : matches(s, m.owners(), m.block().toString());
    }

    @Override
    public List<ConstituencyMatch> byDomain(Actor actor, String domain) {
        OperatorAccess.requireStaffRead(actor);
        String ascii = DomainName.toAscii(hostOf(domain));
        Snapshot s = current();
        ConstituencyIndex.DomainMatch m = s.index().lookupDomain(ascii);
        return m == null ? List.of() : matches(s, m.owners(), m.domain());
    }

    @Override
    public List<ConstituencyMatch> byAsn(Actor actor, String asn) {
        OperatorAccess.requireStaffRead(actor);
        long n = AsNumber.parse(asn);
        Snapshot s = current();
        return matches(s, s.index().lookupAsn(n), "AS" + n);
    }

    /** Accepts a URL or an e-mail address as well as a bare name, and looks up its host. */
    static String hostOf(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.contains("://")) {
            try {
                String host = URI.create(s).getHost();
                if (host != null) {
                    return host;
                }
            } catch (IllegalArgumentException e) {
                // not a well-formed URL: validated below as a name
            }
        }
        int at = s.lastIndexOf('@');
        return at >= 0 ? s.substring(at + 1) : s;
    }

    private static List<ConstituencyMatch> matches(Snapshot s, int[] owners, String asset) {
        List<ConstituencyMatch> out = new ArrayList<>(owners.length);
        for (int o : owners) {
            Operator op = s.owners()[o];
            out.add(new ConstituencyMatch(op.id(), op.name(), op.entityClass(), op.sector(), asset));
        }
        return out;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s != null) {
            return s;
        }
        synchronized (lock) {
            if (snapshot == null) {
                if (operators == null) {
                    operators = new LinkedHashMap<>(loadAll());
                }
                snapshot = build(operators.values());
            }
            return snapshot;
        }
    }

    private Map<OrganisationId, Operator> loadAll() {
        return store.allForIndex();
    }

    static Snapshot build(java.util.Collection<Operator> operators) {
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
        return new Snapshot(b.build(), owners);
    }
}
