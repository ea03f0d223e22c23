package org.mburoja.identity.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mburoja.identity.ApiTokens;
import org.mburoja.identity.IssuedToken;
import org.mburoja.identity.TokenScope;
import org.mburoja.kernel.Actor;
import org.mburoja.web.ApiError;
import org.mburoja.web.InvalidInputException;
import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A user's own API tokens: list, create (the secret is shown on the answer page only), revoke. */
@Controller
class TokenPages {

    /** Areas offered as check boxes; other areas can be typed in the free scope field. */
    static final List<String> AREAS = List.of("operators", "constituency", "incidents", "intel", "leaks",
            "detection", "organisations");

    private final ApiTokens tokens;

    TokenPages(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/account/tokens")
    String list(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("tokens", tokens.list(actor.userId()));
        model.addAttribute("areas", AREAS);
        model.addAttribute("now", Instant.now());
        return "identity/tokens";
    }

    @PostMapping("/account/tokens")
    String create(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String name,
                  @RequestParam(required = false) List<String> scope,
                  @RequestParam(defaultValue = "90") String days, Model model) {
        try {
            Set<TokenScope> scopes = new LinkedHashSet<>();
            for (String s : scope == null ? List.<String>of() : scope) {
                try {
                    scopes.add(TokenScope.parse(s));
                } catch (IllegalArgumentException e) {
                    throw InvalidInputException.of("scope", s, e.getMessage());
                }
            }
            long d;
            String t = days.strip();
            // ASCII digits only: Long.parseLong would also take "+5" or other scripts' digits such as U+0665
            if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw InvalidInputException.of("days", days, "a whole number of days is required");
            }
            d = Long.parseLong(t);
            if (d < 1 || d > ApiTokens.MAX_LIFETIME.toDays()) {
                throw InvalidInputException.of("days", days,
                        "between 1 and " + ApiTokens.MAX_LIFETIME.toDays() + " days");
            }
            IssuedToken issued = tokens.create(actor, name, scopes, Instant.now().plus(Duration.ofDays(d)));
            model.addAttribute("issued", issued);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields().stream().map(ApiError.FieldError::reason).toList());
        }
        return list(actor, model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
        tokens.revoke(actor, id);
        return "redirect:/account/tokens";
    }

    @Bean
    static NavigationEntry tokensNavigation() {
        return new NavigationEntry("/account/tokens", "nav.tokens", 940, NavigationEntry.Audience.EVERYONE);
    }
}
