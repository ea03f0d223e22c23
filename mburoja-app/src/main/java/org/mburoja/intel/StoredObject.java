package org.mburoja.intel;

import java.time.Instant;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.stix.marking.Tlp;

/**
 * One stored version of a STIX object.
 *
 * @param tlp   the most restrictive TLP marking of the object (object and granular markings), null if unmarked
 * @param owner the organisation that published it to this node (null for objects from the system)
 * @param source where it came from: {@code local}, or the federation peer it was pulled from
 * @param json  the object exactly as received
 */
public record StoredObject(long seq, String id, String type, String specVersion, Instant version,
                           String versionText, Instant dateAdded, boolean revoked, Tlp tlp, OrganisationId owner,
                           String source, String json) {

    public ObjectQuery.PagePosition position() {
        return new ObjectQuery.PagePosition(dateAdded, seq);
    }
}
