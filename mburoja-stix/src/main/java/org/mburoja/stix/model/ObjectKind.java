package org.mburoja.stix.model;

/** The families of STIX 2.1 objects; they differ in required common properties and identifier rules. */
public enum ObjectKind {
    /** STIX Domain Object (indicator, malware, ...). */
    SDO,
    /** STIX Cyber-observable Object (file, ipv4-addr, ...): deterministic UUIDv5 ids recommended. */
    SCO,
    /** STIX Relationship Object (relationship, sighting). */
    SRO,
    /** STIX Meta Object (marking-definition, language-content, extension-definition). */
    SMO,
    /** The bundle envelope. */
    BUNDLE,
    /** A type the catalogue does not know (custom object); kept as is, checked only for common rules. */
    CUSTOM
}
