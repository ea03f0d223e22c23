package org.mburoja.intel;

import java.util.List;

/**
 * What the live indicator index answered for a request's values, after collection rights and TLP.
 *
 * @param lookedUp  observables looked up (values that are IP addresses, domains, URLs, e-mail addresses, hashes)
 * @param matches   the matches released to the reader, in the order of the values
 * @param withheld  matches the reader may not see (no read right on the indicator's collections, or TLP); audited
 * @param truncated more matches were released than the request's maximum; the first ones are given
 */
public record MatchReport(IndexState index, long lookedUp, List<IndicatorMatch> matches, int withheld,
                          boolean truncated) {
}
