package org.mburoja.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Lets a MockMvc request run as a given {@link Actor} through the real security chain: the actor is materialised
 * once as a real user (same username; authority staff in the national authority, partners in a partner agency,
 * operator users in the actor's own organisation, which the test must have created), fully logged in. An actor with
 * token scopes becomes a real API token with those scopes, sent as {@code Authorization: Bearer}.
 *
 * <p>This keeps module tests honest: no test principal bypasses session validation, MFA or token checks.
 */
public final class Principals {

    private static final Map<String, MockHttpSession> SESSIONS = new ConcurrentHashMap<>();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Principals() {
    }

    /** Runs the request as {@code actor}. */
    public static RequestPostProcessor as(Actor actor) {
        return request -> {
            ApplicationContext ctx = WebApplicationContextUtils
                    .getRequiredWebApplicationContext(request.getServletContext());
            if (actor.scopes() != null) {
                String key = actor.username() + "|" + actor.scopes();
                String token = TOKENS.computeIfAbsent(key, k -> issueToken(ctx, actor));
                request.addHeader("Authorization", "Bearer " + token);
            } else {
                MockHttpSession session = SESSIONS.computeIfAbsent(actor.username(), k -> login(ctx, actor));
                request.setSession(session);
            }
            return request;
        };
    }

    private static MockHttpSession login(ApplicationContext ctx, Actor actor) {
        Accounts accounts = new Accounts(ctx);
        return accounts.sessionOf(accounts.ready(role(actor), organisationOf(ctx, actor), actor.username()));
    }

    private static String issueToken(ApplicationContext ctx, Actor actor) {
        Accounts accounts = new Accounts(ctx);
        Accounts.Account owner = accounts.ready(role(actor), organisationOf(ctx, actor),
                actor.username() + "-t" + Integer.toHexString(actor.scopes().hashCode()));
        Set<TokenScope> scopes = actor.scopes().stream().map(TokenScope::parse).collect(Collectors.toSet());
        return ctx.getBean(ApiTokens.class).create(owner.actor(), "test token", scopes,
                Instant.now().plus(1, ChronoUnit.DAYS)).secret();
    }

    private static Role role(Actor actor) {
        return actor.roles().stream().sorted().findFirst().orElse(Role.VIEWER);
    }

    private static OrganisationId organisationOf(ApplicationContext ctx, Actor actor) {
        Organisations organisations = ctx.getBean(Organisations.class);
        return switch (actor.organisationKind()) {
            case NATIONAL_AUTHORITY -> organisations.nationalAuthority().orElseThrow().id();
            case PARTNER -> organisations.find(actor.organisation())
                    .map(o -> o.id())
                    .orElseGet(() -> organisations.create(Actor.system("test"), OrganisationKind.PARTNER,
                            Accounts.unique("partner-agency"), "XK").id());
            case OPERATOR -> organisations.find(actor.organisation()).orElseThrow(() -> new IllegalStateException(
                    "operator actor " + actor.username() + " names organisation " + actor.organisation()
                            + ", which the test has not created")).id();
        };
    }
}
