/**
 * Incidents: legal reporting by operators with the NIS2 Art. 23 clocks, and case handling for the national CSIRT.
 *
 * <p>{@code reporting} and {@code cases} hold the domain in plain Java (stages, deadlines, significance, RSIT
 * taxonomy, status workflow); {@code internal} persists it with {@code JdbcClient} and audits every change;
 * {@code web} is the REST API under {@code /api/v1/incidents}. The module keeps its own copy of what it needs about
 * an operator (organisation id, sector and entity class as submitted) so it does not depend on the operator
 * registry's internals.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package org.mburoja.incidents;
