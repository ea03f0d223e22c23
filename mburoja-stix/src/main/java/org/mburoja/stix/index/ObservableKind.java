package org.mburoja.stix.index;

/** The kinds of value the indicator index answers for, with the STIX pattern paths they come from. */
public enum ObservableKind {
    IPV4, IPV6, DOMAIN, URL, MD5, SHA1, SHA256, EMAIL
}
