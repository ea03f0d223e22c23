package org.mburoja.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.mburoja.identity.User;
import org.mburoja.identity.Users;
import org.mburoja.identity.internal.LoginStage;
import org.mburoja.identity.internal.SessionLogins;
import org.mburoja.kernel.Actor;
import org.mburoja.web.InvalidInputException;
import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The user's own account: profile and password change (also the forced change at first login). */
@Controller
class AccountPages {

    private final Users users;
    private final SessionLogins logins;
    private final org.mburoja.identity.internal.Credentials credentials;

    AccountPages(Users users, SessionLogins logins, org.mburoja.identity.internal.Credentials credentials) {
        this.users = users;
        this.logins = logins;
        this.credentials = credentials;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal Actor actor, Model model) {
        User user = users.find(actor.userId()).orElseThrow();
        model.addAttribute("user", user);
        return "identity/account";
    }

    /** Optional TOTP enrolment for roles that do not require it; once enrolled, every login asks for a code. */
    @GetMapping("/account/mfa")
    String mfaForm(@AuthenticationPrincipal Actor actor, jakarta.servlet.http.HttpSession session, Model model) {
        if (users.find(actor.userId()).orElseThrow().mfaEnrolled()) {
            return "redirect:/account";
        }
        return TotpEnrolmentForm.show(credentials, actor, session, model, "/account/mfa");
    }

    @PostMapping("/account/mfa")
    String enrolMfa(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String code,
                    jakarta.servlet.http.HttpSession session, Model model) {
        if (users.find(actor.userId()).orElseThrow().mfaEnrolled()) {
            return "redirect:/account";
        }
        if (!TotpEnrolmentForm.confirm(credentials, actor, session, code)) {
            model.addAttribute("error", "mfa.code-wrong");
            return mfaForm(actor, session, model);
        }
        return "redirect:/account?mfaEnrolled";
    }

    @GetMapping("/account/password")
    String passwordForm(Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("forced", LoginStage.of(auth).isPresent());
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword,
                          @RequestParam(defaultValue = "") String confirmPassword,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("errors", java.util.List.of("password.mismatch"));
            return passwordForm(model);
        }
        try {
            users.changePassword(actor, currentPassword, newPassword);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fields().stream().map(f -> f.reason()).toList());
            return passwordForm(model);
        }
        return "redirect:" + logins.advance(actor.userId(), true, request, response) + "?passwordChanged";
    }

    @Bean
    static NavigationEntry accountNavigation() {
        return new NavigationEntry("/account", "nav.account", 950, NavigationEntry.Audience.EVERYONE);
    }
}
