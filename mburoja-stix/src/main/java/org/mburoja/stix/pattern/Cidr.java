package org.mburoja.stix.pattern;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network ({@code 198.51.100.0/24}, {@code 2001:db8::/32}); a plain address is a /32 or /128.
 * Parsing never resolves names: only numeric literals are accepted.
 */
public record Cidr(byte[] network, int prefix) {

    /** Parses an address or CIDR; empty when it is neither. Host bits are cleared. */
    public static Optional<Cidr> parse(String text) {
        String addr = text.trim();
        int bits = -1;
        int slash = addr.indexOf('/');
        if (slash >= 0) {
            String b = addr.substring(slash + 1);
            if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            bits = Integer.parseInt(b);
            addr = addr.substring(0, slash);
        }
        byte[] bytes = numeric(addr);
        if (bytes == null) {
            return Optional.empty();
        }
        int max = bytes.length * 8;
        if (bits < 0) {
            bits = max;
        }
        if (bits > max) {
            return Optional.empty();
        }
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        return Optional.of(new Cidr(bytes, bits));
    }

    /** Whether this network lies inside {@code other} (same family, longer or equal prefix, same leading bits). */
    public boolean within(Cidr other) {
        if (network.length != other.network.length || prefix < other.prefix) {
            return false;
        }
        return new BigInteger(1, network).shiftRight(network.length * 8 - other.prefix)
                .equals(new BigInteger(1, other.network).shiftRight(network.length * 8 - other.prefix));
    }

    private static byte[] numeric(String addr) {
        if (addr.isEmpty() || addr.length() > 45) {
            return null;
        }
        boolean v6 = addr.indexOf(':') >= 0;
        for (int i = 0; i < addr.length(); i++) {
            char c = addr.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c == '.' || v6 && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) {
                return null;
            }
        }
        if (!v6) {
            String[] parts = addr.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                // a leading zero is octal to some systems and decimal to others: no address, as the validator and
                // the indicator index decide
                if (parts[i].isEmpty() || parts[i].length() > 3 || parts[i].length() > 1 && parts[i].charAt(0) == '0') {
                    return null;
                }
                int n = Integer.parseInt(parts[i]);
                if (n > 255) {
                    return null;
                }
                b[i] = (byte) n;
            }
            return b;
        }
        try {
            byte[] b = InetAddress.getByName(addr).getAddress();
            if (b.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(b, 0, mapped, 12, 4);
                return mapped;
            }
            return b;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && prefix == c.prefix && java.util.Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
