package org.mburoja.identity.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Who am I, and the organisations (authority staff see all; others only their own). */
@RestController
@Tag(name = "identity")
class IdentityApi {

    private final Organisations organisations;

    IdentityApi(Organisations organisations) {
        this.organisations = organisations;
    }

    /** The caller as the platform sees it. */
    record Me(UUID userId, String username, String organisation, OrganisationKind organisationKind, Set<Role> roles,
              Set<String> scopes) {
    }

    /** An organisation as the API shows it (ids as plain strings). */
    record OrganisationView(String id, OrganisationKind kind, String name, String country, java.time.Instant createdAt) {
        static OrganisationView of(Organisation o) {
            return new OrganisationView(o.id().toString(), o.kind(), o.name(), o.country(), o.createdAt());
        }
    }

    /** Body of an organisation creation. */
    record NewOrganisation(@NotNull OrganisationKind kind, @NotBlank @Size(max = 300) String name,
                           @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
                           String country) {
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "The authenticated caller (session or token) with its roles and token scopes")
    Me me(@AuthenticationPrincipal Actor actor) {
        return new Me(actor.userId(), actor.username(), String.valueOf(actor.organisation()),
                actor.organisationKind(), actor.roles(), actor.scopes());
    }

    @GetMapping("/api/v1/organisations")
    @Operation(summary = "Organisations visible to the caller")
    List<OrganisationView> organisations(@AuthenticationPrincipal Actor actor) {
        return organisations.list(null).stream().filter(o -> actor.canSee(o.id())).map(OrganisationView::of).toList();
    }

    @PostMapping("/api/v1/organisations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an organisation (administrators of the national authority)")
    OrganisationView create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody NewOrganisation body) {
        if (!(actor.has(Role.ADMIN) && actor.isAuthorityStaff())) {
            throw new AccessDeniedException("only administrators of the national authority create organisations");
        }
        if (organisations.findByName(body.name()).isPresent()) {
            throw InvalidInputException.of("name", body.name(), "an organisation with this name exists already");
        }
        return OrganisationView.of(organisations.create(actor, body.kind(), body.name(), body.country()));
    }
}
