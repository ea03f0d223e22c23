package org.mburoja.incidents.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values under which intelligence about an observable can be stored, most specific first: the value itself,
 * the CIDR blocks that contain an address ({@code [ipv4-addr:value ISSUBSET '198.51.100.0/24']} stores
 * {@code 198.51.100.0/24}), the parent domains of a name, the host of a URL and the domain of an e-mail address.
 * Each key says how it relates to the observable, so the page can say why an object matched.
 *
 * <p>Plain Java, linear in the observable's length; the observable was normalised by {@link CaseWorkService} before.
 */
final class ObservableKeys {

    /** How a stored value relates to the observable. */
    enum Relation { EXACT, CONTAINING_RANGE, PARENT_DOMAIN, URL_HOST, EMAIL_DOMAIN }

    record Key(String value, Relation relation) {
    }

    /** Shortest IPv4 prefix looked up: a /0../7 "indicator" says nothing about one address. */
    static final int MIN_V4_PREFIX = 8;
    /** Keys per observable at most (an IPv6 address needs 228); a hostile host name is cut, most specific kept. */
    static final int MAX_KEYS = 400;
    /** Shortest IPv6 prefix looked up (/16 is larger than any allocation to one network). */
    static final int MIN_V6_PREFIX = 16;

    private ObservableKeys() {
    }

    /** The keys of an observable of a kind ({@code IP}, {@code DOMAIN}, ...), without duplicates, most specific first. */
    static List<Key> of(String kind, String value) {
        Map<String, Key> keys = new LinkedHashMap<>();
        String v = value.strip().toLowerCase(Locale.ROOT);
        add(keys, v, Relation.EXACT);
        switch (kind) {
            case "IP" -> address(keys, v, Relation.EXACT);
            case "DOMAIN" -> parents(keys, v);
            case "URL" -> url(keys, v);
            case "EMAIL" -> {
                int at = v.lastIndexOf('@');
                if (at > 0 && at < v.length() - 1) {
                    String domain = v.substring(at + 1);
                    add(keys, domain, Relation.EMAIL_DOMAIN);
                    parents(keys, domain);
                }
            }
            default -> {
                // hashes, accounts, file names and other values are only found as they are
            }
        }
        return List.copyOf(keys.values());
    }

    /** The host of a URL, when it has one: a domain name or an address (IPv6 without its brackets). */
    static String urlHost(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null || host.isEmpty()) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Whether a host is a literal address rather than a name. */
    static boolean isAddress(String host) {
        return literal(host) != null;
    }

    private static void url(Map<String, Key> keys, String v) {
        if (v.endsWith("/")) {
            add(keys, v.substring(0, v.length() - 1), Relation.EXACT);
        } else {
            add(keys, v + "/", Relation.EXACT);
        }
        String host = urlHost(v);
        if (host == null) {
            return;
        }
        if (isAddress(host)) {
            add(keys, host, Relation.URL_HOST);
            address(keys, host, Relation.URL_HOST);
        } else {
            add(keys, host, Relation.URL_HOST);
            parents(keys, host);
        }
    }

    /** The address in its usual spellings and every containing block down to the minimum prefix. */
    private static void address(Map<String, Key> keys, String v, Relation self) {
        byte[] bytes = literal(v);
        if (bytes == null) {
            return;
        }
        if (bytes.length == 4) {
            int ip = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
            add(keys, v4(ip), self);
            for (int p = 32; p >= MIN_V4_PREFIX; p--) {
                int mask = p == 0 ? 0 : -1 << (32 - p);
                add(keys, v4(ip & mask) + "/" + p, Relation.CONTAINING_RANGE);
            }
        } else {
            add(keys, v6Full(bytes), self);
            add(keys, v6Compressed(bytes), self);
            for (int p = 128; p >= MIN_V6_PREFIX; p--) {
                byte[] net = bytes.clone();
                for (int bit = p; bit < 128; bit++) {
                    net[bit >> 3] &= (byte) ~(0x80 >>> (bit & 7));
                }
                add(keys, v6Compressed(net) + "/" + p, Relation.CONTAINING_RANGE);
                add(keys, v6Full(net) + "/" + p, Relation.CONTAINING_RANGE);
            }
        }
    }

    /** The bytes of a literal IPv4 or IPv6 address; never a DNS lookup. */
    static byte[] literal(String v) {
        if (v.indexOf(':') < 0) {
            String[] parts = v.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = parts[i];
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                int n = Integer.parseInt(part);
                if (n > 255) {
                    return null;
                }
                b[i] = (byte) n;
            }
            return b;
        }
        if (v.length() > 45 || !v.chars().allMatch(c -> c == ':' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
                || c >= 'A' && c <= 'F')) {
            return null;
        }
        try {
            // with a colon, the JDK parses an IPv6 literal or fails; it never resolves the text as a name
            byte[] b = InetAddress.getByName(v).getAddress();
            return b.length == 16 ? b : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void parents(Map<String, Key> keys, String domain) {
        int dot = domain.indexOf('.');
        while (dot > 0) {
            String parent = domain.substring(dot + 1);
            if (parent.indexOf('.') < 0) {
                break; // a top-level domain alone is not intelligence about this name
            }
            add(keys, parent, Relation.PARENT_DOMAIN);
            domain = parent;
            dot = domain.indexOf('.');
        }
    }

    private static void add(Map<String, Key> keys, String value, Relation relation) {
        if (keys.size() < MAX_KEYS) {
            keys.putIfAbsent(value, new Key(value, relation));
        }
    }

    private static String v4(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    /** Java's spelling: eight groups, no leading zeros, no {@code ::}. */
    private static String v6Full(byte[] b) {
        StringBuilder s = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g > 0) {
                s.append(':');
            }
            s.append(Integer.toHexString(((b[2 * g] & 0xff) << 8) | (b[2 * g + 1] & 0xff)));
        }
        return s.toString();
    }

    /** RFC 5952: the longest run of two or more zero groups (the first of equals) becomes {@code ::}. */
    static String v6Compressed(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        return org.mburoja.kernel.Ipv6Text.compressed(g);
    }

    /** The stored values to search for. */
    static List<String> values(List<Key> keys) {
        return keys.stream().map(Key::value).toList();
    }
}
