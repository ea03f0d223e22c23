package org.mburoja.intel.taxii;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Settings of the TAXII server ({@code mburoja.taxii.*}): its title, the one API root, the largest request body
 * accepted ({@code max_content_length}, 10 MiB by default), page sizes (default 100, at most 1000), and the public
 * URL partners reach the node at ({@code public-url}, e.g. {@code https://cti.cert.al}).
 *
 * <p>Why a public URL rather than the proxy's {@code X-Forwarded-*} headers: discovery names the API root by an
 * absolute URL, and behind a TLS reverse proxy the request says {@code http://} and an inner host. Trusting
 * forwarded headers from any client would also let a client choose the address that the audit log and the
 * login lockout record, so they stay off; the operator states the public URL once instead. Without it, the root is
 * built from the request, which is right when partners connect directly.
 */
@Component
class TaxiiSettings {

    final String title;
    final String contact;
    final String apiRoot;
    final long maxContentLength;
    final int defaultLimit;
    final int maxLimit;
    /** The public base URL without a trailing slash, or null to build API root URLs from the request. */
    final String publicUrl;

    TaxiiSettings(@Value("${mburoja.taxii.title:Mburoja TAXII 2.1 server}") String title,
                  @Value("${mburoja.taxii.contact:}") String contact,
                  @Value("${mburoja.taxii.api-root:intel}") String apiRoot,
                  @Value("${mburoja.taxii.max-content-length:10485760}") long maxContentLength,
                  @Value("${mburoja.taxii.default-limit:100}") int defaultLimit,
                  @Value("${mburoja.taxii.max-limit:1000}") int maxLimit,
                  @Value("${mburoja.taxii.public-url:}") String publicUrl) {
        this.title = title;
        this.contact = contact;
        this.apiRoot = apiRoot;
        this.maxContentLength = maxContentLength;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
        this.publicUrl = publicUrl(publicUrl);
    }

    /**
     * The API root's absolute URL: under the public URL when one is set, else under {@code requestBase} (the
     * scheme, host, port and context path the request came in on).
     */
    String apiRootUrl(String requestBase) {
        String base = publicUrl != null ? publicUrl : requestBase;
        return base + "/taxii2/" + apiRoot + "/";
    }

    /**
     * Checks {@code mburoja.taxii.public-url}: empty, or an absolute http(s) URL with a host and neither query,
     * fragment nor user info; a trailing slash is dropped. Anything else stops the start with the reason.
     */
    static String publicUrl(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return null;
        }
        String problem;
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                problem = "must start with https:// (or http://)";
            } else if (u.getHost() == null || u.getHost().isEmpty()) {
                problem = "has no host name";
            } else if (u.getRawUserInfo() != null) {
                problem = "must not hold a user name or password";
            } else if (u.getRawQuery() != null || u.getRawFragment() != null) {
                problem = "must not have a query (?) or fragment (#)";
            } else {
                return v.endsWith("/") ? v.replaceAll("/+$", "") : v;
            }
        } catch (URISyntaxException e) {
            problem = "is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")";
        }
        throw new IllegalArgumentException("mburoja.taxii.public-url '" + shown(v) + "' " + problem
                + "; give the address partners reach this node at, e.g. https://cti.example.al");
    }

    /** A setting's value as safe to print: control characters as '?', at most 200 characters. */
    private static String shown(String v) {
        String s = v.length() > 200 ? v.substring(0, 200) + "..." : v;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
