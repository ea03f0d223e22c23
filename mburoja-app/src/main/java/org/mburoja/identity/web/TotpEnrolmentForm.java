package org.mburoja.identity.web;

import jakarta.servlet.http.HttpSession;
import org.mburoja.identity.internal.Credentials;
import org.mburoja.kernel.Actor;
import org.springframework.ui.Model;

/**
 * The TOTP enrolment form, shared by the mandatory step of the login (admin, analyst) and the optional one on the
 * account page (other roles). The secret waits in the session until one code proves the authenticator holds it.
 */
final class TotpEnrolmentForm {

    static final String PENDING_SECRET = "mburoja.mfa.pending";

    private TotpEnrolmentForm() {
    }

    static String show(Credentials credentials, Actor actor, HttpSession session, Model model, String action) {
        String secret = (String) session.getAttribute(PENDING_SECRET);
        if (secret == null) {
            secret = credentials.newTotpSecret();
            session.setAttribute(PENDING_SECRET, secret);
        }
        model.addAttribute("secret", grouped(secret));
        model.addAttribute("otpauth", credentials.otpauthUri(actor.username(), secret));
        model.addAttribute("username", actor.username());
        model.addAttribute("formAction", action);
        return "identity/mfa-enrol";
    }

    /** Enrols the pending secret if the code matches; false (and the form again) otherwise. */
    static boolean confirm(Credentials credentials, Actor actor, HttpSession session, String code) {
        String secret = (String) session.getAttribute(PENDING_SECRET);
        if (secret == null || !credentials.enrolTotp(actor, secret, code)) {
            return false;
        }
        session.removeAttribute(PENDING_SECRET);
        return true;
    }

    /** Groups of four characters are easier to type from one screen into another. */
    static String grouped(String secret) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < secret.length(); i += 4) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(secret, i, Math.min(secret.length(), i + 4));
        }
        return sb.toString();
    }
}
