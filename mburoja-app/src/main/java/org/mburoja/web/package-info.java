/**
 * The web shell: page layout, language switching, the dashboard and its {@link org.mburoja.web.DashboardCard}
 * extension point, navigation entries, and {@link org.mburoja.web.ApiError}, the JSON error body of every
 * {@code /api} endpoint. Each module keeps its own pages and controllers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.mburoja.web;
