package org.mburoja.stix.misp;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The MISP attribute types the importer turns into STIX pattern comparisons, one object path per part of the value
 * (composite types such as {@code filename|md5} carry two parts separated by {@code |}). The full table with the
 * other mappings is in {@code docs/misp-mapping.md}.
 */
final class MispTypes {

    private static final Map<String, List<String>> PATHS = Map.ofEntries(
            Map.entry("ip-src", List.of("ipv4-addr:value")),
            Map.entry("ip-dst", List.of("ipv4-addr:value")),
            Map.entry("ip-src|port", List.of("network-traffic:src_ref.value", "network-traffic:src_port")),
            Map.entry("ip-dst|port", List.of("network-traffic:dst_ref.value", "network-traffic:dst_port")),
            Map.entry("domain", List.of("domain-name:value")),
            Map.entry("hostname", List.of("domain-name:value")),
            Map.entry("domain|ip", List.of("domain-name:value", "domain-name:resolves_to_refs[*].value")),
            Map.entry("hostname|port", List.of("domain-name:value", "network-traffic:dst_port")),
            Map.entry("url", List.of("url:value")),
            Map.entry("uri", List.of("url:value")),
            Map.entry("link", List.of("url:value")),
            Map.entry("md5", List.of("file:hashes.MD5")),
            Map.entry("sha1", List.of("file:hashes.'SHA-1'")),
            Map.entry("sha256", List.of("file:hashes.'SHA-256'")),
            Map.entry("sha512", List.of("file:hashes.'SHA-512'")),
            Map.entry("ssdeep", List.of("file:hashes.SSDEEP")),
            Map.entry("tlsh", List.of("file:hashes.TLSH")),
            Map.entry("filename", List.of("file:name")),
            Map.entry("filename|md5", List.of("file:name", "file:hashes.MD5")),
            Map.entry("filename|sha1", List.of("file:name", "file:hashes.'SHA-1'")),
            Map.entry("filename|sha256", List.of("file:name", "file:hashes.'SHA-256'")),
            Map.entry("size-in-bytes", List.of("file:size")),
            Map.entry("mime-type", List.of("file:mime_type")),
            Map.entry("email", List.of("email-addr:value")),
            Map.entry("email-src", List.of("email-message:from_ref.value")),
            Map.entry("email-dst", List.of("email-message:to_refs[*].value")),
            Map.entry("email-subject", List.of("email-message:subject")),
            Map.entry("email-attachment", List.of("email-message:body_multipart[*].body_raw_ref.name")),
            Map.entry("mutex", List.of("mutex:name")),
            Map.entry("regkey", List.of("windows-registry-key:key")),
            Map.entry("regkey|value", List.of("windows-registry-key:key", "windows-registry-key:values[*].data")),
            Map.entry("AS", List.of("autonomous-system:number")),
            Map.entry("mac-address", List.of("mac-addr:value")),
            Map.entry("user-agent",
                    List.of("network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'")),
            Map.entry("x509-fingerprint-sha1", List.of("x509-certificate:hashes.'SHA-1'")),
            Map.entry("x509-fingerprint-sha256", List.of("x509-certificate:hashes.'SHA-256'")),
            Map.entry("port", List.of("network-traffic:dst_port")));

    /** MISP types that already are detection rules in another language (STIX pattern_type). */
    private static final Map<String, String> RULES = Map.of("yara", "yara", "snort", "snort", "sigma", "sigma",
            "pcre", "pcre", "stix2-pattern", "stix");

    private MispTypes() {
    }

    /** The object paths for a type and value; IP paths switch to IPv6 for values with ':'. */
    static Optional<List<String>> paths(String type, String value) {
        List<String> p = PATHS.get(type);
        if (p == null) {
            return Optional.empty();
        }
        if (value.contains(":") && (type.equals("ip-src") || type.equals("ip-dst"))) {
            return Optional.of(List.of("ipv6-addr:value"));
        }
        return Optional.of(p);
    }

    static Optional<String> ruleLanguage(String type) {
        return Optional.ofNullable(RULES.get(type.toLowerCase(Locale.ROOT)));
    }

    /** Paths whose value is a number rather than a string. */
    static boolean numeric(String path) {
        return path.endsWith("_port") || path.equals("file:size") || path.equals("autonomous-system:number");
    }
}
