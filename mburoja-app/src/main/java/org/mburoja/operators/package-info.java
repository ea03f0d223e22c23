/**
 * The registry of operators of critical and important information infrastructure (NIS2 Art. 3(4)): who they are,
 * their sector and entity class, their security contacts, and the assets (IP ranges, domains, AS numbers) by which
 * alerts, incidents and advisories are routed to them. {@link org.mburoja.operators.Constituency} answers "whose is
 * this address?".
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operator registry")
package org.mburoja.operators;
