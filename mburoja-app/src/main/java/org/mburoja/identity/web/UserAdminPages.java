package org.mburoja.identity.web;

import java.util.UUID;
import org.mburoja.identity.IssuedPassword;
import org.mburoja.identity.NewUser;
import org.mburoja.identity.Organisations;
import org.mburoja.identity.Users;
import org.mburoja.kernel.Actor;
import org.mburoja.kernel.OrganisationId;
import org.mburoja.kernel.Role;
import org.mburoja.web.ApiError;
import org.mburoja.web.InvalidInputException;
import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** User management for administrators: create, disable/enable, reset password or MFA. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class UserAdminPages {

    private final Users users;
    private final Organisations organisations;

    UserAdminPages(Users users, Organisations organisations) {
        this.users = users;
        this.organisations = organisations;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", users.list(null));
        model.addAttribute("organisations", organisations.list(null));
        model.addAttribute("roles", Role.values());
        return "identity/users";
    }

    @PostMapping
    String create(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String username,
                  @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "") String organisation, @RequestParam(defaultValue = "") String role,
                  Model model) {
        try {
            OrganisationId org;
            try {
                org = OrganisationId.of(organisation);
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("organisation", organisation, "choose an organisation");
            }
            Role r;
            try {
                r = Role.valueOf(role);
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("role", role, "choose a role");
            }
            IssuedPassword issued = users.create(actor, new NewUser(username, displayName, email, org, r));
            model.addAttribute("issued", issued);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields().stream().map(f -> f.field() + ": " + f.reason()).toList());
        }
        return list(model);
    }

    @PostMapping("/{id}/disable")
    String disable(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        return apply(model, () -> users.setEnabled(actor, id, false));
    }

    @PostMapping("/{id}/enable")
    String enable(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        return apply(model, () -> users.setEnabled(actor, id, true));
    }

    @PostMapping("/{id}/reset-mfa")
    String resetMfa(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        return apply(model, () -> users.resetMfa(actor, id));
    }

    @PostMapping("/{id}/reset-password")
    String resetPassword(@AuthenticationPrincipal Actor actor, @PathVariable UUID id, Model model) {
        try {
            model.addAttribute("issued", users.resetPassword(actor, id));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields().stream().map(ApiError.FieldError::reason).toList());
        }
        return list(model);
    }

    private String apply(Model model, Runnable change) {
        try {
            change.run();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields().stream().map(ApiError.FieldError::reason).toList());
            return list(model);
        }
        return "redirect:/admin/users";
    }

    @Bean
    static NavigationEntry usersNavigation() {
        return new NavigationEntry("/admin/users", "nav.users", 900, NavigationEntry.Audience.ADMIN);
    }
}
