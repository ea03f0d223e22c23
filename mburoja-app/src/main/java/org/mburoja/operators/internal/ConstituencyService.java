package org.mburoja.operators.internal;

import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mburoja.kernel.Actor;
import org.mburoja.operators.Constituency;
import org.mburoja.operators.ConstituencyMatch;
import org.mburoja.operators.OperatorChanged;
import org.mburoja.operators.internal.IpBlock.IpAddress;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The constituency lookup of the server: authorisation and query parsing around a {@link LiveConstituency}, fed
 * with every committed {@link OperatorChanged}. Rebuilds run on one background thread.
 *
 * <p>Limit: the index follows changes made through this server; a second server node on the same database sees
 * another node's changes only after a restart.
 */
@Service
class ConstituencyService implements Constituency {

    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "constituency-index-rebuild");
        t.setDaemon(true);
        return t;
    });
    private final LiveConstituency live;

    ConstituencyService(OperatorStore store) {
        this.live = new LiveConstituency(store::allForIndex, rebuilder);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(OperatorChanged change) {
        live.changed(change.id(), change.operator());
    }

    @PreDestroy
    void stop() {
        rebuilder.shutdownNow();
    }

    @Override
    public boolean available(Actor actor) {
        try {
            OperatorAccess.requireStaffRead(actor);
            return true;
        } catch (org.springframework.security.access.AccessDeniedException e) {
            return false;
        }
    }

    @Override
    public List<ConstituencyMatch> byIp(Actor actor, String address) {
        OperatorAccess.requireStaffRead(actor);
        return matches(live.byIp(IpAddress.parse(address)));
    }

    @Override
    public List<ConstituencyMatch> byDomain(Actor actor, String domain) {
        OperatorAccess.requireStaffRead(actor);
        return matches(live.byDomain(DomainName.toAscii(hostOf(domain))));
    }

    @Override
    public List<ConstituencyMatch> byAsn(Actor actor, String asn) {
        OperatorAccess.requireStaffRead(actor);
        return matches(live.byAsn(AsNumber.parse(asn)));
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
                // not a well-formed URL: validated as a name below
            }
        }
        int at = s.lastIndexOf('@');
        return at >= 0 ? s.substring(at + 1) : s;
    }

    private static List<ConstituencyMatch> matches(List<LiveConstituency.Hit> hits) {
        return hits.stream().map(h -> new ConstituencyMatch(h.operator().id(), h.operator().name(),
                h.operator().entityClass(), h.operator().sector(), h.asset())).toList();
    }
}
