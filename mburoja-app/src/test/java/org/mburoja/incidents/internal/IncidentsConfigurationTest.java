package org.mburoja.incidents.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mburoja.incidents.reporting.ReportingPeriod;
import org.mburoja.incidents.reporting.ReportingPolicy;
import org.springframework.core.io.DefaultResourceLoader;

class IncidentsConfigurationTest {

    final IncidentsConfiguration config = new IncidentsConfiguration();
    final DefaultResourceLoader loader = new DefaultResourceLoader();

    @Test
    void usesTheNis2DefaultsWhenNoPolicyIsConfigured() throws Exception {
        assertThat(config.reportingSchedule("", loader).policy()).isEqualTo(ReportingPolicy.nis2());
    }

    @Test
    void readsTheConfiguredPolicyFile() throws Exception {
        assertThat(config.reportingSchedule("classpath:org/mburoja/incidents/reporting/policy-longer-notification.yml", loader)
                .policy().notification()).isEqualTo(new ReportingPeriod.Elapsed(Duration.ofHours(96)));
    }

    @Test
    void refusesToStartOnAMissingOrBrokenPolicy() {
        assertThatThrownBy(() -> config.reportingSchedule("file:/nonexistent/policy.yml", loader))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> config.reportingSchedule("classpath:org/mburoja/incidents/reporting/policy-broken.yml", loader))
                .isInstanceOf(ReportingPolicy.InvalidPolicyException.class);
    }
}
