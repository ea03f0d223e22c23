package org.mburoja.operators.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.mburoja.operators.internal.IpBlock.IpAddress;

/**
 * In-memory answer to "whose is this?": IP address to the operators owning the most specific registered block
 * (longest-prefix match, IPv4 and IPv6), domain name to the owners of the most specific registered name it equals or
 * lies under, AS number to its owners. Owners are small integers the caller maps to operators.
 *
 * <p>Plain Java and immutable, so it can be benchmarked alone and shared between threads without locks; a change of
 * the registry builds a new index (2-6 s for a million blocks on a busy 2-vCPU machine, see docs/benchmarks.md)
 * and swaps it in. See
 * {@link RangeTable} for the IP structure. Domains are a hash map of registered names; a lookup strips labels from
 * the left until it finds one, so its cost grows with the number of labels, not with the registry.
 */
public final class ConstituencyIndex {

    /** The most specific registered block containing an address, and its owners. */
    public record IpMatch(IpBlock block, int[] owners) {
    }

    /** The most specific registered domain a name equals or lies under, and its owners. */
    public record DomainMatch(String domain, int[] owners) {
    }

    private final RangeTable v4;
    private final RangeTable v6;
    private final Map<String, int[]> domains;
    private final long[] asns;
    private final int[] asnOwnerStart;
    private final int[] asnOwners;

    private ConstituencyIndex(RangeTable v4, RangeTable v6, Map<String, int[]> domains, long[] asns,
                              int[] asnOwnerStart, int[] asnOwners) {
        this.v4 = v4;
        this.v6 = v6;
        this.domains = domains;
        this.asns = asns;
        this.asnOwnerStart = asnOwnerStart;
        this.asnOwners = asnOwners;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ConstituencyIndex empty() {
        return builder().build();
    }

    /** Longest-prefix match; {@code null} when no registered block contains the address. */
    public IpMatch lookup(IpAddress address) {
        RangeTable table = address.v6() ? v6 : v4;
        int b = table.find(address.hi(), address.lo());
        return b < 0 ? null : new IpMatch(table.block(b), table.owners(b));
    }

    /** The distinct-block number of the longest-prefix match, or -1: the lookup without building an answer. */
    int blockOf(IpAddress address) {
        return (address.v6() ? v6 : v4).find(address.hi(), address.lo());
    }

    /** Owners of distinct block {@code block} of the family. */
    int[] ownersOfBlock(boolean v6Family, int block) {
        return (v6Family ? v6 : v4).owners(block);
    }

    IpBlock blockAt(boolean v6Family, int block) {
        return (v6Family ? v6 : v4).block(block);
    }

    /** The registered block directly enclosing {@code block}, or -1. */
    int parentOf(boolean v6Family, int block) {
        return (v6Family ? v6 : v4).parent(block);
    }

    /** Owners of exactly this registered domain (not of its parents); empty when none. */
    int[] exactDomain(String asciiName) {
        int[] owners = domains.get(asciiName);
        return owners == null ? new int[0] : owners.clone();
    }

    /** Owners of the most specific registered domain; {@code asciiName} must be in {@link DomainName} form. */
    public DomainMatch lookupDomain(String asciiName) {
        String name = asciiName;
        while (true) {
            int[] owners = domains.get(name);
            if (owners != null) {
                return new DomainMatch(name, owners.clone());
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(dot + 1);
        }
    }

    /** Owners of an AS number; empty when none registered it. */
    public int[] lookupAsn(long asn) {
        int i = Arrays.binarySearch(asns, asn);
        return i < 0 ? new int[0] : Arrays.copyOfRange(asnOwners, asnOwnerStart[i], asnOwnerStart[i + 1]);
    }

    /** Distinct IP blocks held (IPv4 + IPv6). */
    public int blocks() {
        return v4.blocks() + v6.blocks();
    }

    /** Rough heap footprint of the IP and AS tables in bytes (domain strings excluded). */
    public long approximateBytes() {
        return v4.approximateBytes() + v6.approximateBytes() + 12L * asns.length + 4L * asnOwners.length;
    }

    /** Collects assets; not thread-safe; build once. */
    public static final class Builder {
        private final RangeTable.Builder v4 = new RangeTable.Builder(false);
        private final RangeTable.Builder v6 = new RangeTable.Builder(true);
        private final Map<String, int[]> domains = new HashMap<>();
        private long[] asnKeys = new long[16];
        private int asnCount;

        private Builder() {
        }

        public Builder addBlock(IpBlock block, int owner) {
            (block.v6() ? v6 : v4).add(block, owner);
            return this;
        }

        public Builder addDomain(String asciiDomain, int owner) {
            domains.merge(asciiDomain, new int[]{owner}, (a, b) -> {
                for (int o : a) {
                    if (o == b[0]) {
                        return a;
                    }
                }
                int[] c = Arrays.copyOf(a, a.length + 1);
                c[a.length] = b[0];
                return c;
            });
            return this;
        }

        public Builder addAsn(long asn, int owner) {
            if (asnCount == asnKeys.length) {
                asnKeys = Arrays.copyOf(asnKeys, asnCount * 2);
            }
            // AS numbers fit in 32 bits and owners in 31: one sortable long per pair
            asnKeys[asnCount++] = asn << 31 | owner;
            return this;
        }

        public ConstituencyIndex build() {
            long[] keys = Arrays.copyOf(asnKeys, asnCount);
            Arrays.sort(keys);
            long[] asns = new long[keys.length];
            int[] start = new int[keys.length + 1];
            int[] owners = new int[keys.length];
            int distinct = 0;
            int count = 0;
            long previous = -1;
            for (long key : keys) {
                if (key == previous) {
                    continue;
                }
                previous = key;
                long asn = key >>> 31;
                if (distinct == 0 || asns[distinct - 1] != asn) {
                    asns[distinct] = asn;
                    start[distinct] = count;
                    distinct++;
                }
                owners[count++] = (int) (key & 0x7FFF_FFFFL);
            }
            start[distinct] = count;
            return new ConstituencyIndex(v4.build(), v6.build(), Map.copyOf(domains), Arrays.copyOf(asns, distinct),
                    Arrays.copyOf(start, distinct + 1), Arrays.copyOf(owners, count));
        }
    }
}
