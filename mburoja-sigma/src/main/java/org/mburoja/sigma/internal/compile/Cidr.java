package org.mburoja.sigma.internal.compile;

/**
 * An IPv4 or IPv6 network. Addresses are parsed here, literally, and never through {@link java.net.InetAddress},
 * which would resolve host names (a DNS query per hostile event value).
 */
public record Cidr(byte[] network, int prefix) {

    /** Parses {@code 10.0.0.0/8}, {@code fe80::/10} or a bare address (a /32 or /128); null when malformed. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        byte[] addr = parseAddress(slash < 0 ? text : text.substring(0, slash));
        if (addr == null) {
            return null;
        }
        int bits = addr.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            prefix = decimal(text.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        return new Cidr(addr, prefix);
    }

    public boolean contains(byte[] addr) {
        if (addr.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (addr[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (addr[full] & mask) == (network[full] & mask);
    }

    /** A literal IPv4 or IPv6 address (zone ids and IPv4-in-IPv6 tails accepted), or null. */
    public static byte[] parseAddress(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.indexOf(':') < 0) {
            return ipv4(s);
        }
        return ipv6(s);
    }

    private static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = decimal(parts[i]);
            // a leading zero is octal to inet_aton and decimal to most others (CVE-2021-29921): neither guess is
            // safe, so "010.1.2.3" is no address, as Python's ipaddress (and so pySigma) decides
            if (v < 0 || v > 255 || parts[i].length() > 1 && parts[i].charAt(0) == '0') {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] ipv6(String s) {
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    /** Hex groups of one side of "::"; an IPv4 tail counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4 = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < (v4 ? n - 1 : n); i++) {
            out[i] = hex(parts[i]);
            if (out[i] < 0) {
                return null;
            }
        }
        if (v4) {
            byte[] b = ipv4(parts[n - 1]);
            if (b == null) {
                return null;
            }
            out[n - 1] = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
            out[n] = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }
        return out;
    }

    /**
     * One to three ASCII digits, else -1. {@code Integer.parseInt} would also take a sign and other scripts' digits
     * ({@code "\u0661\u0660"} is 10 to it), which no system writes in an address.
     */
    private static int decimal(String p) {
        if (p.isEmpty() || p.length() > 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** One to four ASCII hex digits, else -1 (no sign, no fullwidth or other scripts' digits). */
    private static int hex(String p) {
        if (p.isEmpty() || p.length() > 4) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
