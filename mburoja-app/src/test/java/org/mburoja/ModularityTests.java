package org.mburoja;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

    /**
     * The Documenter lists a diagram's relations in no fixed order, so a file is replaced only when its lines differ
     * from the checked-in file's as a set: otherwise every build would show the docs as changed.
     */
    @Test
    void writesTheModuleDiagramToDocs() throws IOException {
        Path docs = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
                Path.of("").toAbsolutePath().getParent().toString()), "docs", "modules");
        Path fresh = Files.createTempDirectory("mburoja-modules");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(fresh.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        Files.createDirectories(docs);
        List<Path> written;
        try (Stream<Path> files = Files.list(fresh)) {
            written = files.sorted().toList();
        }
        for (Path f : written) {
            Path target = docs.resolve(f.getFileName().toString());
            if (!Files.exists(target) || !sortedLines(target).equals(sortedLines(f))) {
                Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(f);
        }
        Files.delete(fresh);
        String overview = Files.readString(docs.resolve("components.puml"), StandardCharsets.UTF_8);
        MODULES.forEach(m -> assertThat(overview).as("module %s in the diagram", m.getDisplayName())
                .contains(m.getDisplayName()));
    }

    private static List<String> sortedLines(Path f) throws IOException {
        return Files.readAllLines(f, StandardCharsets.UTF_8).stream().sorted().toList();
    }
}
