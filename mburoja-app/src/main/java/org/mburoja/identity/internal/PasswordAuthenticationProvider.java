package org.mburoja.identity.internal;

import java.util.Map;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The password step of a form login. Every refusal gives the same answer (wrong name, wrong password, locked,
 * disabled), so the form does not tell an attacker which accounts exist; the audit log records the real reason.
 */
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final Credentials credentials;
    private final AuditLog audit;

    PasswordAuthenticationProvider(Credentials credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object password = authentication.getCredentials();
        Credentials.PasswordCheck check = credentials.checkPassword(username,
                password == null ? null : password.toString());
        return switch (check) {
            case Credentials.PasswordCheck.Accepted(User user) -> {
                LoginStage stage = SessionLogins.nextStage(user, false);
                audit.append(user.toActor(), stage == null ? "login.success" : "login.password", "user",
                        user.id().toString(), null, stage == null ? null : Map.of("next", stage.name()));
                yield SessionLogins.authentication(user, stage);
            }
            case Credentials.PasswordCheck.Rejected r -> throw new BadCredentialsException("login.failed");
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
