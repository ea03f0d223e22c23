package org.mburoja.incidents.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.incidents.internal.CaseViews.IntelHit;
import org.mburoja.incidents.internal.CaseViews.Lookup;
import org.mburoja.incidents.internal.CaseViews.Observable;
import org.mburoja.incidents.internal.CaseViews.RegistryHit;
import org.mburoja.intel.StixStore;
import org.mburoja.intel.StoredObject;
import org.mburoja.intel.ValueMention;
import org.mburoja.kernel.Actor;
import org.mburoja.operators.Constituency;
import org.mburoja.operators.ConstituencyMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Looks each observable of a case up in the operator registry ("whose address or domain is this?") and in the
 * intelligence store ("what do we and our partners know about it?"), as the acting user: the registry only for
 * authority staff, the store with its collection rights and TLP release rules, so a look-up never shows more than
 * the user could find by searching. Look-ups are live, made when the observable is shown, so they follow new
 * intelligence and registry changes; they change nothing and are not audited as changes (withheld objects are).
 * Either module may be absent from a deployment; the look-up then says so.
 */
@Service
public class ObservableLookups {

    private static final Logger log = LoggerFactory.getLogger(ObservableLookups.class);

    /** Observables looked up per case view; a case with more shows the rest as not looked up. */
    static final int MAX_PER_VIEW = 100;
    /** Intelligence objects shown per observable. */
    static final int MAX_INTEL_HITS = 20;

    private final ObjectProvider<Constituency> constituency;
    private final ObjectProvider<StixStore> store;
    private final JsonMapper json;

    public ObservableLookups(ObjectProvider<Constituency> constituency, ObjectProvider<StixStore> store, JsonMapper json) {
        this.constituency = constituency;
        this.store = store;
        this.json = json;
    }

    public List<Observable> lookUp(Actor actor, List<Observable> observables) {
        List<Observable> out = new ArrayList<>(observables.size());
        for (int i = 0; i < observables.size(); i++) {
            Observable o = observables.get(i);
            out.add(i < MAX_PER_VIEW ? lookUp(actor, o)
                    : o.withLookup(new Lookup(null, List.of(), "not-looked-up", List.of(), "not-looked-up")));
        }
        return out;
    }

    public Observable lookUp(Actor actor, Observable o) {
        Instant at = ReportService.now();
        List<RegistryHit> registry = List.of();
        String registryNote = null;
        try {
            registry = registry(actor, o);
        } catch (NotApplicable e) {
            registryNote = e.getMessage();
        } catch (IllegalArgumentException e) {
            registryNote = "invalid"; // not an address or domain the registry can look up
        } catch (RuntimeException e) {
            log.warn("operator registry look-up of a {} observable failed", o.kind(), e);
            registryNote = "failed";
        }
        List<IntelHit> intel = List.of();
        String intelNote = null;
        try {
            intel = intel(actor, o);
        } catch (NotApplicable e) {
            intelNote = e.getMessage();
        } catch (RuntimeException e) {
            log.warn("intelligence look-up of a {} observable failed", o.kind(), e);
            intelNote = "failed";
        }
        return o.withLookup(new Lookup(at, registry, registryNote, intel, intelNote));
    }

    private List<RegistryHit> registry(Actor actor, Observable o) {
        Constituency c = constituency.getIfAvailable();
        if (c == null) {
            throw new NotApplicable("unavailable");
        }
        String host = switch (o.kind()) {
            case "IP", "DOMAIN" -> o.value();
            case "URL" -> ObservableKeys.urlHost(o.value());
            case "EMAIL" -> o.value().substring(o.value().lastIndexOf('@') + 1);
            default -> null;
        };
        if (host == null) {
            throw new NotApplicable("not-applicable");
        }
        if (!c.available(actor)) {
            throw new NotApplicable("not-permitted");
        }
        List<ConstituencyMatch> matches = ObservableKeys.isAddress(host) ? c.byIp(actor, host) : c.byDomain(actor, host);
        List<RegistryHit> hits = new ArrayList<>(matches.size());
        for (ConstituencyMatch m : matches) {
            hits.add(new RegistryHit(m.operator().value(), m.name(), m.entityClass() == null ? null : m.entityClass().name(),
                    m.sector(), m.matchedAsset()));
        }
        return hits;
    }

    private List<IntelHit> intel(Actor actor, Observable o) {
        StixStore s = store.getIfAvailable();
        if (s == null) {
            throw new NotApplicable("unavailable");
        }
        List<ObservableKeys.Key> keys = ObservableKeys.of(o.kind(), o.value());
        Map<String, ObservableKeys.Relation> relation = new HashMap<>();
        keys.forEach(k -> relation.putIfAbsent(k.value(), k.relation()));
        List<IntelHit> hits = new ArrayList<>();
        for (ValueMention m : s.mentions(actor, ObservableKeys.values(keys), MAX_INTEL_HITS)) {
            StoredObject so = m.object();
            ObservableKeys.Relation r = relation.getOrDefault(m.value(), ObservableKeys.Relation.EXACT);
            hits.add(new IntelHit(so.id(), so.type(), name(so), so.tlp() == null ? null : so.tlp().label(), m.value(),
                    r.name(), so.version(), so.source()));
        }
        // the most specific relation first, then the newest
        hits.sort(java.util.Comparator.comparing((IntelHit h) -> ObservableKeys.Relation.valueOf(h.relation()))
                .thenComparing(IntelHit::modified, java.util.Comparator.reverseOrder()));
        return hits;
    }

    /** The object's name, or for an indicator without one its pattern, shortened for a table cell. */
    private String name(StoredObject so) {
        try {
            JsonNode n = json.readTree(so.json());
            JsonNode v = n.get("name");
            if (v == null || !v.isString()) {
                v = n.get("pattern");
            }
            if (v == null || !v.isString()) {
                v = n.get("value");
            }
            if (v == null || !v.isString()) {
                return null;
            }
            String text = v.stringValue();
            return text.length() > 200 ? text.substring(0, 199) + "\u2026" : text;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A look-up that does not apply; the message is the note shown. */
    private static final class NotApplicable extends RuntimeException {
        NotApplicable(String note) {
            super(note, null, false, false);
        }
    }
}
