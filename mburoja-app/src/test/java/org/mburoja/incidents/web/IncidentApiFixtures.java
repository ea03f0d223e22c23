package org.mburoja.incidents.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Actors and request bodies for the incidents API tests. */
final class IncidentApiFixtures {

    private IncidentApiFixtures() {
    }

    static Organisation operator(Organisations orgs, String label) {
        return orgs.create(Actor.system("incidents-test"), OrganisationKind.OPERATOR,
                label + " " + UUID.randomUUID(), "AL");
    }

    static Organisation partner(Organisations orgs) {
        return orgs.create(Actor.system("incidents-test"), OrganisationKind.PARTNER, "CERT partner " + UUID.randomUUID(), "XK");
    }

    static Actor user(Organisation org, Role role) {
        return new Actor(UUID.randomUUID(), role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8),
                org.id(), org.kind(), Set.of(role), null);
    }

    static Actor analyst() {
        return new Actor(UUID.randomUUID(), "analyst-" + UUID.randomUUID().toString().substring(0, 8),
                OrganisationId.random(), OrganisationKind.NATIONAL_AUTHORITY, Set.of(Role.ANALYST), null);
    }

    static RequestPostProcessor as(Actor actor) {
        return authentication(new UsernamePasswordAuthenticationToken(actor, null,
                actor.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
    }

    static String fixture(String name) {
        try (InputStream in = IncidentApiFixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture " + name, e);
        }
    }

    static String newReport(UUID org, Instant awareAt, String entityType) {
        return """
                {"organisationId": "%s", "sector": "energy/electricity", "entityClass": "ESSENTIAL",
                 "title": "Ransomware at the billing system", "contactEmail": "soc@operator.example",
                 "awareAt": "%s",
                 "significance": {"entityType": "%s", "severeOperationalDisruption": true,
                                  "financialLossEur": 20000, "recurrencesSameRootCause6Months": 0}}
                """.formatted(org, awareAt, entityType);
    }
}
