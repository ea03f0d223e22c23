package org.mburoja.operators.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.mburoja.kernel.Actor;
import org.mburoja.operators.Constituency;
import org.mburoja.operators.ConstituencyMatch;
import org.mburoja.operators.EntityClass;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/constituency?ip=|domain=|asn=}: the operators owning an address, a name or an AS. */
@RestController
@RequestMapping("/api/v1/constituency")
@Tag(name = "Constituency", description = "Which operator owns an IP address, a domain or an AS number")
class ConstituencyApi {

    private final Constituency constituency;

    ConstituencyApi(Constituency constituency) {
        this.constituency = constituency;
    }

    /** The query as understood and the owners found (empty when nobody registered it). */
    record LookupResult(String kind, String query, List<Match> matches) {

        static LookupResult of(String kind, String query, List<ConstituencyMatch> found) {
            return new LookupResult(kind, query, found.stream().map(Match::of).toList());
        }
    }

    /** One owner: its operator (organisation) id, name, class, sector, and the registered asset that matched. */
    record Match(String operator, String name, EntityClass entityClass, String sector, String matchedAsset) {

        static Match of(ConstituencyMatch m) {
            return new Match(m.operator().toString(), m.name(), m.entityClass(), m.sector(), m.matchedAsset());
        }
    }

    @GetMapping
    @Operation(summary = "Look up the owner of an IP address, a domain or an AS number",
            description = "Exactly one of ip, domain, asn. Longest-prefix match for IPs; a domain matches the most"
                    + " specific registered domain it equals or lies under. Authority staff; scope operators:read.")
    LookupResult lookup(@AuthenticationPrincipal Actor actor, @RequestParam(required = false) String ip,
                        @RequestParam(required = false) String domain, @RequestParam(required = false) String asn) {
        if (!constituency.available(actor)) {
            // authorise before looking at the query, so that a refused caller learns nothing from a 400
            throw new org.springframework.security.access.AccessDeniedException(
                    "the constituency lookup is for the national authority's staff");
        }
        int given = (ip != null ? 1 : 0) + (domain != null ? 1 : 0) + (asn != null ? 1 : 0);
        if (given != 1) {
            throw new OperatorApiErrors.LookupQueryException("query", "give exactly one of ip, domain, asn");
        }
        try {
            if (ip != null) {
                return LookupResult.of("ip", ip, constituency.byIp(actor, ip));
            }
            if (domain != null) {
                return LookupResult.of("domain", domain, constituency.byDomain(actor, domain));
            }
            return LookupResult.of("asn", asn, constituency.byAsn(actor, asn));
        } catch (IllegalArgumentException e) {
            throw new OperatorApiErrors.LookupQueryException(ip != null ? "ip" : domain != null ? "domain" : "asn",
                    e.getMessage());
        }
    }
}
