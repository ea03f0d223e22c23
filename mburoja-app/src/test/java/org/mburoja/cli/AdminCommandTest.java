package org.mburoja.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void expiryAcceptsDaysHoursAndDates() {
        assertThat(AdminCommand.expiry("30d", NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(AdminCommand.expiry("12H", NOW)).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(AdminCommand.expiry("2027-01-31", NOW)).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "d", "-5d", "1w", "2027-13-01", "tomorrow", "99999999d"})
    void expiryRejectsOtherShapes(String text) {
        assertThatThrownBy(() -> AdminCommand.expiry(text, NOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--expires");
    }

    @Test
    void logFormatSwitchMapsJsonToEcs() {
        assertThat(ServerLauncher.logFormat(null)).isEmpty();
        assertThat(ServerLauncher.logFormat("text")).isEmpty();
        assertThat(ServerLauncher.logFormat("json")).isEqualTo(Map.of("logging.structured.format.console", "ecs"));
        assertThat(ServerLauncher.logFormat("LOGSTASH")).isEqualTo(Map.of("logging.structured.format.console",
                "logstash"));
        assertThatThrownBy(() -> ServerLauncher.logFormat("xml")).hasMessageContaining("MBUROJA_LOG_FORMAT");
    }

    @Test
    void adminHelpListsEverySubcommand() {
        var out = new java.io.StringWriter();
        var cl = org.mburoja.Mburoja.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        assertThat(cl.execute("admin", "--help")).isZero();
        assertThat(out.toString()).contains("org").contains("user").contains("token");
    }

    @Test
    void unknownRoleIsAUsageError() {
        var err = new java.io.StringWriter();
        var cl = org.mburoja.Mburoja.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        assertThat(cl.execute("admin", "user", "create", "--username", "x", "--role", "king")).isEqualTo(2);
        assertThat(err.toString()).contains("--role");
    }
}
