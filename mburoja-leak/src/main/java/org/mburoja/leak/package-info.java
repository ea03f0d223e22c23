/**
 * Leak scanner: recognisers for Albanian personal data, a streaming scanner for leaked dumps, and scan reports.
 * Plain Java, no framework.
 */
package org.mburoja.leak;
