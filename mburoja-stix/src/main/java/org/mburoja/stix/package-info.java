/**
 * STIX 2.1 engine: objects, validation, the patterning language, TLP 2.0 markings and TAXII 2.1 wire types.
 * Plain Java, no framework.
 */
package org.mburoja.stix;
