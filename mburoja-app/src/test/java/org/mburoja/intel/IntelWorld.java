package org.mburoja.intel;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * The cast of an intel integration test, with unique names so tests never see each other's data: the national
 * authority with an admin and an analyst, a partner inside and one outside the sharing group, an operator, and an
 * organisation without any grant; plus a fresh collection on which the first three partners/operator may read.
 */
public final class IntelWorld {

    public final Actor admin;
    public final Actor analyst;
    public final Actor partnerInGroup;
    public final Actor partnerOutsideGroup;
    public final Actor operator;
    public final Actor stranger;
    public final IntelCollection collection;

    public IntelWorld(Organisations organisations, IntelCollections collections) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Organisation authority = org(organisations, OrganisationKind.NATIONAL_AUTHORITY, "AKCESK " + tag, "AL");
        admin = actor("admin-" + tag, authority, Role.ADMIN);
        analyst = actor("analyst-" + tag, authority, Role.ANALYST);
        partnerInGroup = actor("kosovo-" + tag, org(organisations, OrganisationKind.PARTNER, "KCSIRT " + tag, "XK"),
                Role.PARTNER);
        partnerOutsideGroup = actor("moldova-" + tag,
                org(organisations, OrganisationKind.PARTNER, "CERT-GOV-MD " + tag, "MD"), Role.PARTNER);
        operator = actor("operator-" + tag, org(organisations, OrganisationKind.OPERATOR, "OSHEE " + tag, "AL"),
                Role.OPERATOR);
        stranger = actor("stranger-" + tag, org(organisations, OrganisationKind.PARTNER, "Nowhere " + tag, "ZZ"),
                Role.PARTNER);
        collection = collections.create(admin, "intel", "test-" + tag, "Test collection " + tag, null, false, false);
        collections.grant(admin, new CollectionGrant(collection.id(), partnerInGroup.organisation(), true, true, true));
        collections.grant(admin, new CollectionGrant(collection.id(), partnerOutsideGroup.organisation(), true, false,
                false));
        collections.grant(admin, new CollectionGrant(collection.id(), operator.organisation(), true, false, false));
    }

    private static Organisation org(Organisations organisations, OrganisationKind kind, String name, String country) {
        return organisations.create(Actor.system("intel-test"), kind, name, country);
    }

    private static Actor actor(String username, Organisation org, Role role) {
        return new Actor(UUID.randomUUID(), username, org.id(), org.kind(), Set.of(role), null);
    }

    /** MockMvc authentication carrying the actor as principal, as the security configuration does. */
    public static RequestPostProcessor as(Actor actor) {
        List<SimpleGrantedAuthority> authorities = actor.roles().stream()
                .map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        return authentication(new UsernamePasswordAuthenticationToken(actor, null, authorities));
    }

    public static String fixture(Class<?> near, String name) {
        try (InputStream in = near.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name + " next to " + near.getSimpleName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The objects of a bundle, or the one object a file holds when it is not a bundle. */
    public static List<JsonNode> objectsOf(String bundleJson) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode root = StixJson.MAPPER.readTree(bundleJson);
        if (root.has("objects")) {
            root.get("objects").forEach(out::add);
        } else {
            out.add(root);
        }
        return out;
    }
}
