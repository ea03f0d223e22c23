package org.mburoja.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.mburoja.identity.Users;
import org.mburoja.identity.internal.Credentials;
import org.mburoja.identity.internal.SessionLogins;
import org.mburoja.kernel.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page and the second-factor steps. Enrolment shows the secret as text and as an otpauth:// link (a phone
 * opens its authenticator app on it); the secret is kept in the session until one code proves the app holds it.
 */
@Controller
class LoginPages {

    private final Credentials credentials;
    private final SessionLogins logins;
    private final Users users;

    LoginPages(Credentials credentials, SessionLogins logins, Users users) {
        this.credentials = credentials;
        this.logins = logins;
        this.users = users;
    }

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }

    @GetMapping("/login/mfa/enrol")
    String enrolForm(@AuthenticationPrincipal Actor actor, HttpSession session, Model model) {
        return TotpEnrolmentForm.show(credentials, actor, session, model, "/login/mfa/enrol");
    }

    @PostMapping("/login/mfa/enrol")
    String enrol(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String code,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        if (!TotpEnrolmentForm.confirm(credentials, actor, session, code)) {
            model.addAttribute("error", "mfa.code-wrong");
            return enrolForm(actor, session, model);
        }
        return "redirect:" + logins.advance(actor.userId(), true, request, response);
    }

    @GetMapping("/login/mfa")
    String codeForm() {
        return "identity/mfa";
    }

    @PostMapping("/login/mfa")
    String code(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String code,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        if (credentials.verifyTotp(actor, code)) {
            return "redirect:" + logins.advance(actor.userId(), true, request, response);
        }
        if (users.find(actor.userId()).map(u -> u.lockedAt(java.time.Instant.now())).orElse(true)) {
            request.getSession().invalidate();
            return "redirect:/login?error";
        }
        model.addAttribute("error", "mfa.code-wrong");
        return "identity/mfa";
    }
}
