package org.mburoja.stix.model;

import static org.mburoja.stix.model.ObjectKind.BUNDLE;
import static org.mburoja.stix.model.ObjectKind.SCO;
import static org.mburoja.stix.model.ObjectKind.SDO;
import static org.mburoja.stix.model.ObjectKind.SMO;
import static org.mburoja.stix.model.ObjectKind.SRO;
import static org.mburoja.stix.model.ObjectType.ANY;
import static org.mburoja.stix.model.ObjectType.ANY_SCO;
import static org.mburoja.stix.model.ObjectType.ANY_SDO;
import static org.mburoja.stix.model.ObjectType.ANY_SRO;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of the 42 STIX 2.1 object types (19 SDOs, 18 SCOs, 2 SROs, 3 meta objects, bundle), written from the
 * STIX 2.1 specification (OASIS Standard, 2021-06-10), sections 4 to 8.
 *
 * <p>Only type-specific facts are here; the common properties (type, id, spec_version, created, modified,
 * created_by_ref, object_marking_refs, granular_markings, ...) are checked by the validator for every family.
 */
public final class StixTypes {

    private static final Set<String> ADDRESSES = Set.of("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name");
    private static final Map<String, ObjectType> TYPES = new LinkedHashMap<>();

    static {
        // --- STIX Domain Objects (section 4)
        sdo("attack-pattern", req("name"), refs(), ts());
        sdo("campaign", req("name"), refs(), ts("first_seen", "last_seen"));
        sdo("course-of-action", req("name"), refs(), ts());
        sdo("grouping", req("context", "object_refs"), refs("object_refs", ANY), ts(),
                "context", Vocabularies.GROUPING_CONTEXT);
        sdo("identity", req("name"), refs(), ts(),
                "identity_class", Vocabularies.IDENTITY_CLASS, "sectors", Vocabularies.INDUSTRY_SECTOR);
        sdo("incident", req("name"), refs(), ts());
        sdo("indicator", req("pattern", "pattern_type", "valid_from"), refs(), ts("valid_from", "valid_until"),
                "indicator_types", Vocabularies.INDICATOR_TYPE, "pattern_type", Vocabularies.PATTERN_TYPE);
        sdo("infrastructure", req("name"), refs(), ts("first_seen", "last_seen"),
                "infrastructure_types", Vocabularies.INFRASTRUCTURE_TYPE);
        sdo("intrusion-set", req("name"), refs(), ts("first_seen", "last_seen"),
                "resource_level", Vocabularies.ATTACK_RESOURCE_LEVEL,
                "primary_motivation", Vocabularies.ATTACK_MOTIVATION,
                "secondary_motivations", Vocabularies.ATTACK_MOTIVATION);
        sdo("location", req(), refs(), ts(), "region", Vocabularies.REGION);
        sdo("malware", req("is_family"),
                refs("operating_system_refs", "software", "sample_refs", "file|artifact"),
                ts("first_seen", "last_seen"),
                "malware_types", Vocabularies.MALWARE_TYPE, "capabilities", Vocabularies.MALWARE_CAPABILITIES,
                "implementation_languages", Vocabularies.IMPLEMENTATION_LANGUAGE,
                "architecture_execution_envs", Vocabularies.PROCESSOR_ARCHITECTURE);
        sdo("malware-analysis", req("product"),
                refs("host_vm_ref", "software", "operating_system_ref", "software", "installed_software_refs",
                        "software", "analysis_sco_refs", ANY_SCO, "sample_ref", "file|artifact|network-traffic"),
                ts("analysis_started", "analysis_ended", "submitted"), "result", Vocabularies.MALWARE_RESULT);
        sdo("note", req("content", "object_refs"), refs("object_refs", ANY), ts());
        sdo("observed-data", req("first_observed", "last_observed", "number_observed"),
                refs("object_refs", ANY_SCO + "|" + ANY_SRO), ts("first_observed", "last_observed"));
        sdo("opinion", req("opinion", "object_refs"), refs("object_refs", ANY), ts(),
                "opinion", Vocabularies.OPINION);
        sdo("report", req("name", "published", "object_refs"), refs("object_refs", ANY), ts("published"),
                "report_types", Vocabularies.REPORT_TYPE);
        sdo("threat-actor", req("name"), refs(), ts("first_seen", "last_seen"),
                "threat_actor_types", Vocabularies.THREAT_ACTOR_TYPE, "roles", Vocabularies.THREAT_ACTOR_ROLE,
                "sophistication", Vocabularies.THREAT_ACTOR_SOPHISTICATION,
                "resource_level", Vocabularies.ATTACK_RESOURCE_LEVEL,
                "primary_motivation", Vocabularies.ATTACK_MOTIVATION,
                "secondary_motivations", Vocabularies.ATTACK_MOTIVATION,
                "personal_motivations", Vocabularies.ATTACK_MOTIVATION);
        sdo("tool", req("name"), refs(), ts(), "tool_types", Vocabularies.TOOL_TYPE);
        sdo("vulnerability", req("name"), refs(), ts());

        // --- STIX Relationship Objects (section 5)
        add(new ObjectType("relationship", SRO, req("relationship_type", "source_ref", "target_ref"),
                refs("source_ref", ANY_SDO + "|" + ANY_SCO, "target_ref", ANY_SDO + "|" + ANY_SCO),
                ts("start_time", "stop_time"), Map.of()));
        add(new ObjectType("sighting", SRO, req("sighting_of_ref"),
                refs("sighting_of_ref", ANY_SDO, "observed_data_refs", "observed-data",
                        "where_sighted_refs", "identity|location", "sample_refs", ANY_SCO),
                ts("first_seen", "last_seen"), Map.of()));

        // --- STIX Cyber-observable Objects (section 6)
        sco("artifact", req(), refs(), ts(), "encryption_algorithm", Vocabularies.ENCRYPTION_ALGORITHM);
        sco("autonomous-system", req("number"), refs(), ts());
        sco("directory", req("path"), refs("contains_refs", "file|directory"), ts("ctime", "mtime", "atime"));
        sco("domain-name", req("value"), refs("resolves_to_refs", "ipv4-addr|ipv6-addr|domain-name"), ts());
        sco("email-addr", req("value"), refs("belongs_to_ref", "user-account"), ts());
        sco("email-message", req("is_multipart"),
                refs("from_ref", "email-addr", "sender_ref", "email-addr", "to_refs", "email-addr",
                        "cc_refs", "email-addr", "bcc_refs", "email-addr", "raw_email_ref", "artifact"),
                ts("date"));
        sco("file", req(), refs("parent_directory_ref", "directory", "contains_refs", ANY_SCO,
                "content_ref", "artifact"), ts("ctime", "mtime", "atime"));
        sco("ipv4-addr", req("value"), refs("resolves_to_refs", "mac-addr", "belongs_to_refs", "autonomous-system"),
                ts());
        sco("ipv6-addr", req("value"), refs("resolves_to_refs", "mac-addr", "belongs_to_refs", "autonomous-system"),
                ts());
        sco("mac-addr", req("value"), refs(), ts());
        sco("mutex", req("name"), refs(), ts());
        sco("network-traffic", req("protocols"),
                refs("src_ref", String.join("|", ADDRESSES), "dst_ref", String.join("|", ADDRESSES),
                        "src_payload_ref", "artifact", "dst_payload_ref", "artifact",
                        "encapsulates_refs", "network-traffic", "encapsulated_by_ref", "network-traffic"),
                ts("start", "end"));
        sco("process", req(), refs("opened_connection_refs", "network-traffic", "creator_user_ref", "user-account",
                "image_ref", "file", "parent_ref", "process", "child_refs", "process"), ts("created_time"));
        sco("software", req("name"), refs(), ts());
        sco("url", req("value"), refs(), ts());
        sco("user-account", req(), refs(), ts("account_created", "account_expires", "credential_last_changed",
                "account_first_login", "account_last_login"), "account_type", Vocabularies.ACCOUNT_TYPE);
        sco("windows-registry-key", req(), refs("creator_user_ref", "user-account"), ts("modified_time"));
        sco("x509-certificate", req(), refs(), ts("validity_not_before", "validity_not_after"));

        // --- STIX Meta Objects (section 7) and the bundle (section 8)
        add(new ObjectType("marking-definition", SMO, req(), refs(), ts(), Map.of()));
        add(new ObjectType("language-content", SMO, req("object_ref", "contents"), refs("object_ref", ANY),
                ts("object_modified"), Map.of()));
        add(new ObjectType("extension-definition", SMO,
                req("created_by_ref", "name", "schema", "version", "extension_types"), refs(), ts(),
                Map.of("extension_types", Vocabularies.EXTENSION_TYPE)));
        add(new ObjectType("bundle", BUNDLE, req(), refs(), ts(), Map.of()));
    }

    private StixTypes() {
    }

    /** The definition of a type, if STIX 2.1 defines it. */
    public static Optional<ObjectType> find(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** The family of a type name; {@link ObjectKind#CUSTOM} for names STIX 2.1 does not define. */
    public static ObjectKind kindOf(String type) {
        ObjectType t = TYPES.get(type);
        return t == null ? ObjectKind.CUSTOM : t.kind();
    }

    /** All defined types, in specification order. */
    public static Collection<ObjectType> all() {
        return TYPES.values();
    }

    private static void sdo(String name, Set<String> required, Map<String, Set<String>> refs, Set<String> ts,
                            Object... vocab) {
        add(new ObjectType(name, SDO, required, refs, ts, vocabs(vocab)));
    }

    private static void sco(String name, Set<String> required, Map<String, Set<String>> refs, Set<String> ts,
                            Object... vocab) {
        add(new ObjectType(name, SCO, required, refs, ts, vocabs(vocab)));
    }

    private static void add(ObjectType t) {
        TYPES.put(t.name(), t);
    }

    private static Set<String> req(String... names) {
        return Set.of(names);
    }

    private static Set<String> ts(String... names) {
        return Set.of(names);
    }

    private static Map<String, Set<String>> refs(String... pairs) {
        Map<String, Set<String>> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], Set.of(pairs[i + 1].split("\\|")));
        }
        return Map.copyOf(m);
    }

    private static Map<String, Vocabulary> vocabs(Object... pairs) {
        Map<String, Vocabulary> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], (Vocabulary) pairs[i + 1]);
            }
        }
        return Map.copyOf(m);
    }
}
