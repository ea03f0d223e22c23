package org.mburoja.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the database of the integration tests. {@code -Dmburoja.test.db=postgres} (the failsafe execution
 * {@code it-postgres}) uses {@code MBUROJA_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD} (default: the cluster
 * {@code .ci/run} starts on 127.0.0.1:55432). When that PostgreSQL cannot be reached the tests are skipped with a
 * loud message on a developer machine, and fail in CI ({@code CI} set).
 */
public final class TestDatabase implements ExecutionCondition,
        ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("mburoja.test.db", "h2"));
    }

    static String pgUrl() {
        return env("MBUROJA_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:55432/mburoja_test");
    }

    static String pgUser() {
        return env("MBUROJA_TEST_PG_USER", "mburoja");
    }

    static String pgPassword() {
        return env("MBUROJA_TEST_PG_PASSWORD", "mburoja");
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    private static Boolean reachable;

    private static synchronized boolean pgReachable() {
        if (reachable == null) {
            try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword())) {
                reachable = c.isValid(5);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!postgres()) {
            return ConditionEvaluationResult.enabled("H2 in memory");
        }
        if (pgReachable()) {
            return ConditionEvaluationResult.enabled("PostgreSQL at " + pgUrl());
        }
        String msg = "PostgreSQL test database not reachable at " + pgUrl()
                + " (set MBUROJA_TEST_PG_URL/_USER/_PASSWORD, or run .ci/run which starts one)";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the PostgreSQL tests: " + msg);
        }
        System.err.println("\n!!!!!!!!!! SKIPPING PostgreSQL integration tests: " + msg + " !!!!!!!!!!\n");
        return ConditionEvaluationResult.disabled("SKIPPED: " + msg);
    }

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (postgres()) {
            p.put("spring.datasource.url", pgUrl());
            p.put("spring.datasource.username", pgUser());
            p.put("spring.datasource.password", pgPassword());
        } else {
            p.put("spring.datasource.url",
                    "jdbc:h2:mem:mburoja-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            p.put("spring.datasource.username", "sa");
            p.put("spring.datasource.password", "");
        }
        try {
            Path home = Files.createTempDirectory("mburoja-it-home");
            p.put("mburoja.home", home.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("mburoja-test-db", p));
    }
}
