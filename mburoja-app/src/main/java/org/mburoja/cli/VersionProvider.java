package org.mburoja.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version written by the build (spring-boot-maven-plugin build-info). */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return new String[] {
                "mburoja " + p.getProperty("build.version", "development build"),
                "built " + p.getProperty("build.time", "unknown") + ", running on Java " + Runtime.version()
        };
    }
}
