/**
 * The Sigma language as sealed records: what a rule file says, after parsing and validation but before compilation.
 * Nothing here evaluates events; {@code org.mburoja.sigma.internal.compile} turns these records into matchers.
 */
package org.mburoja.sigma.model;
