package org.mburoja.intel;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.mburoja.stix.marking.Tlp;

/**
 * What an admin gives to configure a peer. {@code secret} is the API token issued by the peer node to a user of
 * this node's organisation there; it is encrypted at rest and never returned.
 */
public record NewFederationPeer(String name, String apiRoot, String authKind, String authUser, String secret,
                                Set<Tlp> allowedTlp, Duration interval, boolean enabled,
                                List<FederationPeer.Mapping> mappings) {
}
