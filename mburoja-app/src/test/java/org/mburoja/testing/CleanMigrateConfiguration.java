package org.mburoja.testing;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/** Integration tests start from an empty schema, on H2 and on a reused PostgreSQL database alike. */
@TestConfiguration(proxyBeanMethods = false)
@Profile("test")
public class CleanMigrateConfiguration {

    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
        return flyway -> {
            flyway.clean();
            flyway.migrate();
        };
    }
}
