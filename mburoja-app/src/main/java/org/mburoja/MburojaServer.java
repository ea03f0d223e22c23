package org.mburoja;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The server: a Spring Boot modular monolith. Each direct sub-package of {@code org.mburoja} is an application
 * module (see {@code docs/architecture.md}); {@code ModularityTests} verifies that they only talk through their APIs.
 */
@SpringBootApplication
@Modulithic(systemName = "Mburoja", sharedModules = "kernel")
@EnableScheduling
public class MburojaServer {
}
