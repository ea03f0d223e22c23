package org.mburoja.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the Spring side of Mburoja in one of three modes. Production refuses to start without a configured
 * database: H2 is on the class path for the embedded default, and Spring Boot would otherwise silently create an
 * in-memory one (the lesson of keycloak/keycloak#14811).
 */
public final class ServerLauncher {

    /** The mode a context runs in. */
    public enum Mode {
        /** {@code mburoja server}: PostgreSQL (or any configured JDBC URL), nothing embedded. */
        PRODUCTION,
        /** {@code mburoja start-dev}: H2 in file mode under {@code MBUROJA_HOME}. */
        EMBEDDED
    }

    /** The Spring Boot application class; set by {@code org.mburoja.Mburoja}, so that cli does not depend on it. */
    private static volatile Class<?> primarySource;

    private ServerLauncher() {
    }

    /** Names the class the server and tool contexts start from (called once by the executable's main class). */
    public static void primarySource(Class<?> source) {
        primarySource = source;
    }

    /** Starts the web server and returns its context; the JVM keeps running on the server's threads. */
    public static ConfigurableApplicationContext startServer(Mode mode, Path home, Integer port) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (port != null) {
            props.put("server.port", port);
        }
        return build(mode, home, WebApplicationType.SERVLET, props).run(args(props, home));
    }

    /** A context without web server, for admin commands working on the configured database. */
    public static ConfigurableApplicationContext startTool(Mode mode, Path home) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spring.main.banner-mode", "off");
        props.put("mburoja.tool", "true");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.mburoja", "WARN");
        return build(mode, home, WebApplicationType.NONE, props).run(args(props, home));
    }

    static SpringApplication build(Mode mode, Path home, WebApplicationType web, Map<String, Object> props) {
        props.putAll(logFormat(System.getenv("MBUROJA_LOG_FORMAT")));
        if (primarySource == null) {
            throw new IllegalStateException("ServerLauncher.primarySource was not set: start through org.mburoja.Mburoja");
        }
        SpringApplication app = new SpringApplication(primarySource);
        app.setWebApplicationType(web);
        if (mode == Mode.EMBEDDED) {
            app.setAdditionalProfiles("dev");
        }
        app.addListeners((ApplicationEnvironmentPreparedEvent event) -> requireDatabase(event.getEnvironment()));
        return app;
    }

    /** Explicit settings go in as command-line properties: they win over application.yml and the environment. */
    static String[] args(Map<String, Object> props, Path home) {
        Map<String, Object> all = new LinkedHashMap<>(props);
        all.put("mburoja.home", home.toAbsolutePath().normalize().toString());
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /**
     * The structured-logging switch: {@code MBUROJA_LOG_FORMAT=json} (or {@code ecs}) writes one JSON object per line
     * in Elastic Common Schema, {@code logstash} and {@code gelf} their formats; unset or {@code text}: plain lines.
     */
    static Map<String, Object> logFormat(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("text")) {
            return Map.of();
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        String format = switch (v) {
            case "json", "ecs" -> "ecs";
            case "logstash", "gelf" -> v;
            default -> throw new IllegalArgumentException("MBUROJA_LOG_FORMAT must be text, json (= ecs), logstash "
                    + "or gelf; got '" + value + "'");
        };
        return Map.of("logging.structured.format.console", format);
    }

    /** Refuses a production start without a database, with a message saying how to configure one. */
    static void requireDatabase(ConfigurableEnvironment env) {
        String url = env.getProperty("spring.datasource.url", "");
        if (url.isBlank()) {
            throw new DatabaseNotConfiguredException();
        }
    }

    /** Production mode was asked for and no database is configured. */
    public static final class DatabaseNotConfiguredException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DatabaseNotConfiguredException() {
            super("""
                    No database configured: production mode ('mburoja server') needs PostgreSQL and never falls back \
                    to an embedded database. Set MBUROJA_DB_URL (e.g. jdbc:postgresql://db.example:5432/mburoja), \
                    MBUROJA_DB_USER and MBUROJA_DB_PASSWORD, or spring.datasource.* in application.yml. \
                    For a local trial use 'mburoja start-dev' (embedded H2 under MBUROJA_HOME).""");
        }
    }
}
