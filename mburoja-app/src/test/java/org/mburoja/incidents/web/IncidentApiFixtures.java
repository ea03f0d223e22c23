package org.mburoja.incidents.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Actors and request bodies for the incidents API tests. Users are real accounts (so the session guard of the
 * security configuration accepts their sessions); {@link #as(Actor)} attaches a fully logged-in session.
 */
final class IncidentApiFixtures {

    private static volatile Accounts accounts;
    private static final Map<UUID, Accounts.Account> BY_USER = new ConcurrentHashMap<>();

    private IncidentApiFixtures() {
    }

    /** Call from each test class's set-up, before creating users. */
    static void init(ApplicationContext ctx) {
        if (accounts == null) {
            accounts = new Accounts(ctx);
        }
    }

    static Organisation operator(Organisations orgs, String label) {
        return orgs.create(Actor.system("incidents-test"), OrganisationKind.OPERATOR,
                label + " " + UUID.randomUUID(), "AL");
    }

    static Organisation partner(Organisations orgs) {
        return orgs.create(Actor.system("incidents-test"), OrganisationKind.PARTNER, "CERT partner " + UUID.randomUUID(), "XK");
    }

    static Actor user(Organisation org, Role role) {
        Accounts.Account a = accounts.fresh(role, org.id());
        BY_USER.put(a.user().id(), a);
        return a.actor();
    }

    static Actor analyst() {
        Accounts.Account a = accounts.fresh(Role.ANALYST, accounts.authority().id());
        BY_USER.put(a.user().id(), a);
        return a.actor();
    }

    static RequestPostProcessor as(Actor actor) {
        Accounts.Account a = BY_USER.get(actor.userId());
        return request -> {
            request.setSession(accounts.sessionOf(a));
            return request;
        };
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
