/**
 * The {@code mburoja} command line (picocli). Engine commands run without Spring; server and admin commands start
 * a Spring context through {@link org.mburoja.cli.ServerLauncher}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command line")
package org.mburoja.cli;
