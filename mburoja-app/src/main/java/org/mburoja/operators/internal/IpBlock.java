package org.mburoja.operators.internal;


/**
 * A CIDR block of IPv4 or IPv6 addresses as two unsigned 64-bit halves ({@code hi}, {@code lo}); IPv4 lives in the
 * low 32 bits of {@code lo} with {@code hi = 0}. Parsing is done here, by hand, rather than with
 * {@link java.net.InetAddress#getByName}, which would resolve host names through DNS on untrusted input.
 *
 * <p>A block whose host bits are set ({@code 10.0.0.1/8}) is refused rather than silently masked: a registry entry
 * that says something other than what was typed is worse than an error that names the intended block.
 */
public record IpBlock(boolean v6, long hi, long lo, int prefix) {

    public IpBlock {
        if (prefix < 0 || prefix > (v6 ? 128 : 32)) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** Longest text accepted for one address or block (an IPv6 block with an embedded IPv4 tail fits). */
    static final int MAX_TEXT = 60;

    /** Parses {@code 192.0.2.0/24}, {@code 2001:db8::/32}; a bare address is a /32 or /128 block. */
    public static IpBlock parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty IP range");
        }
        String s = text.strip();
        if (s.length() > MAX_TEXT) {
            throw new IllegalArgumentException("'" + s.substring(0, 20) + "...' is too long for an IP range");
        }
        int slash = s.indexOf('/');
        IpAddress address = IpAddress.parse(slash < 0 ? s : s.substring(0, slash));
        int max = address.v6() ? 128 : 32;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("'" + s + "': prefix length must be a number from 0 to " + max);
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                throw new IllegalArgumentException("'" + s + "': prefix length must be a number from 0 to " + max);
            }
        }
        IpBlock block = new IpBlock(address.v6(), address.hi(), address.lo(), prefix);
        IpBlock masked = block.masked();
        if (masked.hi != block.hi || masked.lo != block.lo) {
            throw new IllegalArgumentException("'" + s + "' has host bits set; did you mean " + masked + "?");
        }
        return block;
    }

    /** Host-bit mask of the high half. */
    long hiHostMask() {
        int host = (v6 ? 128 : 32) - prefix;
        if (!v6 || host <= 64) {
            return 0;
        }
        return host == 128 ? -1L : -1L >>> (128 - host);
    }

    /** Host-bit mask of the low half. */
    long loHostMask() {
        int host = (v6 ? 128 : 32) - prefix;
        if (host == 0) {
            return 0;
        }
        return host >= 64 ? -1L : -1L >>> (64 - host);
    }

    IpBlock masked() {
        return new IpBlock(v6, hi & ~hiHostMask(), lo & ~loHostMask(), prefix);
    }

    /** Last address of the block, high half. */
    long endHi() {
        return hi | hiHostMask();
    }

    /** Last address of the block, low half. */
    long endLo() {
        return lo | loHostMask();
    }

    public boolean contains(IpAddress a) {
        return a.v6() == v6 && (a.hi() & ~hiHostMask()) == hi && (a.lo() & ~loHostMask()) == lo;
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6, then {@code /prefix}. */
    @Override
    public String toString() {
        return new IpAddress(v6, hi, lo) + "/" + prefix;
    }

    /** One IPv4 or IPv6 address. */
    public record IpAddress(boolean v6, long hi, long lo) {

        public static IpAddress parse(String text) {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("empty IP address");
            }
            String s = text.strip();
            if (s.length() > MAX_TEXT) {
                throw new IllegalArgumentException("'" + s.substring(0, 20) + "...' is too long for an IP address");
            }
            if (s.indexOf(':') >= 0) {
                return parseV6(s);
            }
            Long v4 = parseV4(s);
            if (v4 == null) {
                throw new IllegalArgumentException("'" + s + "' is not an IPv4 or IPv6 address");
            }
            return new IpAddress(false, 0, v4);
        }

        /** Strict dotted quad: four decimal parts 0-255 without leading zeros (which some parsers read as octal). */
        static Long parseV4(String s) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            long v = 0;
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                        || (p.length() > 1 && p.charAt(0) == '0')) {
                    return null;
                }
                int n = Integer.parseInt(p);
                if (n > 255) {
                    return null;
                }
                v = (v << 8) | n;
            }
            return v;
        }

        private static IpAddress parseV6(String s) {
            String bad = "'" + s + "' is not a valid IPv6 address";
            if (s.indexOf('%') >= 0) {
                throw new IllegalArgumentException(bad + " (zone identifiers are not allowed)");
            }
            int dc = s.indexOf("::");
            if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
                throw new IllegalArgumentException(bad + " ('::' may appear only once)");
            }
            int[] groups = new int[8];
            String head = dc < 0 ? s : s.substring(0, dc);
            String tail = dc < 0 ? "" : s.substring(dc + 2);
            int[] h = groups(head, bad, dc < 0);
            int[] t = dc < 0 ? new int[0] : groups(tail, bad, true);
            if (dc < 0 && h.length != 8 || dc >= 0 && h.length + t.length > 7) {
                throw new IllegalArgumentException(bad + " (wrong number of groups)");
            }
            System.arraycopy(h, 0, groups, 0, h.length);
            System.arraycopy(t, 0, groups, 8 - t.length, t.length);
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 4; i++) {
                hi = (hi << 16) | groups[i];
                lo = (lo << 16) | groups[i + 4];
            }
            return new IpAddress(true, hi, lo);
        }

        /** Parses colon-separated 16-bit groups; the last part may be a dotted IPv4 tail (two groups). */
        private static int[] groups(String part, String bad, boolean allowV4Tail) {
            if (part.isEmpty()) {
                return new int[0];
            }
            String[] p = part.split(":", -1);
            int[] out = new int[p.length + 1];
            int n = 0;
            for (int i = 0; i < p.length; i++) {
                String g = p[i];
                if (i == p.length - 1 && allowV4Tail && g.indexOf('.') >= 0) {
                    Long v4 = parseV4(g);
                    if (v4 == null) {
                        throw new IllegalArgumentException(bad + " (bad IPv4 tail '" + g + "')");
                    }
                    out[n++] = (int) (v4 >>> 16);
                    out[n++] = (int) (v4 & 0xFFFF);
                    continue;
                }
                if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(IpBlock::isAsciiHex)) {
                    throw new IllegalArgumentException(bad + " (bad group '" + g + "')");
                }
                out[n++] = Integer.parseInt(g, 16);
            }
            return java.util.Arrays.copyOf(out, n);
        }

        @Override
        public String toString() {
            if (!v6) {
                return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
            }
            int[] g = new int[8];
            for (int i = 0; i < 4; i++) {
                g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
                g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
            }
            return org.mburoja.kernel.Ipv6Text.compressed(g);
        }
    }

    /** Character.digit would also take other scripts' digits, such as U+0661 or U+FF11, which parseInt reads. */
    private static boolean isAsciiHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
