package org.mburoja.intel;

import java.util.List;
import java.util.UUID;
import org.mburoja.stix.marking.Tlp;

/**
 * An active indicator that names one observed value.
 *
 * @param kind        what the value was taken as: {@code ipv4}, {@code ipv6}, {@code domain}, {@code url},
 *                    {@code email}, {@code md5}, {@code sha1}, {@code sha256}
 * @param tlp         the indicator's TLP, null when unmarked
 * @param score       the indicator's score now (confidence raised by sightings, decayed with age), 0-1
 * @param collections the collections the reader may read that release the indicator to it
 */
public record IndicatorMatch(ObservedValue observed, String kind, String indicatorId, Tlp tlp, double score,
                             List<UUID> collections) {
}
