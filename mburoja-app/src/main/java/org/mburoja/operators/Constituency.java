package org.mburoja.operators;

import java.util.List;
import org.mburoja.kernel.Actor;

/**
 * "Whose is this?": the operator(s) owning an IP address (longest-prefix match, IPv4 and IPv6), a domain name
 * (the most specific registered domain it equals or lies under) or an AS number. Answers from memory in
 * microseconds; follows registry changes after they commit. Visible to authority staff only, since it reveals
 * every operator's assets.
 *
 * <p>Each method throws {@link IllegalArgumentException} with a reason when the query is not an address, a domain
 * name or an AS number, and {@link org.springframework.security.access.AccessDeniedException} for other actors.
 */
public interface Constituency {

    /** Whether the actor may use the lookup at all (for pages and navigation). */
    boolean available(Actor actor);

    List<ConstituencyMatch> byIp(Actor actor, String address);

    List<ConstituencyMatch> byDomain(Actor actor, String domain);

    List<ConstituencyMatch> byAsn(Actor actor, String asn);
}
