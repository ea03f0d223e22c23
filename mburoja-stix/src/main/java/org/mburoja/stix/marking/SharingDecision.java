package org.mburoja.stix.marking;

import java.util.Optional;
import org.mburoja.stix.StixObject;

/**
 * Whether an object may be given to a recipient under TLP 2.0, and why. The TAXII server asks this for every object
 * it would serve or forward; a denial is audited with {@link #reason()}.
 *
 * <p>The rules (FIRST TLP 2.0, as the platform enforces them):
 * <ul>
 *   <li>CLEAR: anyone.</li>
 *   <li>GREEN: members of the community; never the public.</li>
 *   <li>AMBER: the owner, the named organisations, and members of one of the collection's sharing groups.</li>
 *   <li>AMBER+STRICT and RED: only the owner and the named organisations; sharing groups do not widen them.</li>
 * </ul>
 * The level is the most restrictive TLP marking on the object (granular markings included); objects without one get
 * {@link SharingScope#unmarkedAs()}.
 */
public record SharingDecision(boolean allowed, Tlp tlp, String reason) {

    /** Decides for one object. */
    public static SharingDecision decide(StixObject object, Recipient to, SharingScope scope) {
        return decide(TlpMarkings.effectiveTlp(object), to, scope);
    }

    /**
     * Decides for an object whose most restrictive TLP marking is already known ({@link TlpMarkings#effectiveTlp}),
     * e.g. kept beside an index entry, so that the object need not be parsed again.
     */
    public static SharingDecision decide(Optional<Tlp> marked, Recipient to, SharingScope scope) {
        Tlp tlp = marked.orElse(scope.unmarkedAs());
        String level = tlp.label() + (marked.isEmpty() ? " (unmarked, treated as " + tlp.label() + ")" : "");
        if (to.organisation().equals(scope.owner())) {
            return new SharingDecision(true, tlp, level + ": recipient is the owner");
        }
        boolean named = scope.allowedOrganisations().contains(to.organisation());
        return switch (tlp) {
            case CLEAR -> new SharingDecision(true, tlp, level + ": no limit on disclosure");
            case GREEN -> to.communityMember()
                    ? new SharingDecision(true, tlp, level + ": recipient is a member of the community")
                    : new SharingDecision(false, tlp, level + ": recipient is outside the community");
            case AMBER -> {
                if (named) {
                    yield new SharingDecision(true, tlp, level + ": recipient is named in the distribution");
                }
                Optional<String> group = to.sharingGroups().stream()
                        .filter(scope.sharingGroups()::contains).sorted().findFirst();
                yield group.map(g -> new SharingDecision(true, tlp, level + ": recipient is in sharing group " + g))
                        .orElseGet(() -> new SharingDecision(false, tlp,
                                level + ": recipient is in none of the collection's sharing groups"));
            }
            case AMBER_STRICT, RED -> named
                    ? new SharingDecision(true, tlp, level + ": recipient is named in the distribution")
                    : new SharingDecision(false, tlp, level + ": only the named organisations may receive it");
        };
    }
}
