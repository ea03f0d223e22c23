package org.mburoja.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context of the integration tests ({@code *IT}, run by failsafe). Every IT uses exactly this
 * annotation and nothing that changes the context (no {@code @MockitoBean}, no extra properties), so the context
 * is built once per run (~15 s here). Tests isolate their data by unique names, not by fresh databases.
 *
 * <p>The database is H2 in memory, or PostgreSQL when the failsafe execution {@code it-postgres} sets
 * {@code mburoja.test.db=postgres} (see {@link TestDatabase}); the schema is cleaned and migrated at start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(TestDatabase.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mburoja.tool=false"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDatabase.class)
@Import(CleanMigrateConfiguration.class)
public @interface IntegrationTest {
}
