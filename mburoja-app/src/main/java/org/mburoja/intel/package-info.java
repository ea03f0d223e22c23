/**
 * Threat intelligence: the STIX 2.1 store (every version of every object, kept as its exact JSON), TAXII
 * collections with per-organisation rights, and TLP 2.0 enforcement on every read. {@code taxii/} is the TAXII 2.1
 * HTTP adapter, {@code web/} the JSON API for ingest, search and administration.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Threat intelligence")
package org.mburoja.intel;
