package org.mburoja.intel;

import java.time.Instant;
import java.util.Set;

/**
 * The TAXII {@code match[version]} filter: any combination of {@code first}, {@code last}, {@code all} and
 * explicit timestamps. The default of the objects endpoints is {@code last}.
 */
public record VersionMatch(boolean first, boolean last, boolean all, Set<Instant> versions) {

    public static final VersionMatch LAST = new VersionMatch(false, true, false, Set.of());
    public static final VersionMatch ALL = new VersionMatch(false, false, true, Set.of());

    public VersionMatch {
        versions = Set.copyOf(versions);
    }
}
