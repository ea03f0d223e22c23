package org.mburoja;

import java.nio.file.Path;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The application modules (direct sub-packages of {@code org.mburoja}) only use each other's API (top-level types)
 * and form no cycles. Writes the module diagram and per-module canvases to {@code docs/modules/} of the checkout.
 */
class ModularityTests {

    /**
     * The engines ({@code org.mburoja.sigma}, {@code .stix}, {@code .leak}) live in their own Maven modules: they are
     * libraries with their own small public API, not application modules of the server, so they are left out here
     * (note that {@code org.mburoja.leak..} does not match the application module {@code org.mburoja.leaks}).
     */
    static final ApplicationModules MODULES = ApplicationModules.of(MburojaServer.class,
            JavaClass.Predicates.resideInAnyPackage("org.mburoja.sigma..", "org.mburoja.stix..", "org.mburoja.leak.."));

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagramToDocs() {
        Path docs = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
                Path.of("").toAbsolutePath().getParent().toString()), "docs", "modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
