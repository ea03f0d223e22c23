package org.mburoja.incidents.internal;

import java.io.IOException;
import java.io.InputStream;
import org.mburoja.incidents.reporting.ReportingPolicy;
import org.mburoja.incidents.reporting.ReportingSchedule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Wires the reporting policy: {@code mburoja.incidents.policy} names a YAML file (any Spring resource location);
 * absent, the bundled NIS2 defaults apply. A broken file stops the start with every problem listed, because silently
 * using other deadlines than the law's would be worse than not starting.
 */
@Configuration(proxyBeanMethods = false)
class IncidentsConfiguration {

    @Bean
    ReportingSchedule reportingSchedule(@Value("${mburoja.incidents.policy:}") String location,
                                        ResourceLoader loader) throws IOException {
        if (location == null || location.isBlank()) {
            return new ReportingSchedule(ReportingPolicy.nis2());
        }
        Resource policy = loader.getResource(location);
        if (!policy.exists()) {
            throw new IllegalStateException("mburoja.incidents.policy: no such file " + location);
        }
        try (InputStream in = policy.getInputStream()) {
            return new ReportingSchedule(ReportingPolicy.parse(in, policy.getDescription()));
        }
    }
}
