/**
 * Sigma detection engine: parses Sigma rules (specification v2.1) into a sealed-record model, compiles them into
 * matchers, and evaluates events one at a time. Plain Java, no framework.
 */
package org.mburoja.sigma;
