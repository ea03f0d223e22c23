package org.mburoja.identity.internal;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * A step a login session still has to take before it gets its role: a session in a stage holds only the stage's
 * authority (no {@code ROLE_*}), so every page but the stage's own refuses it. Order: second factor (enrol or enter),
 * then a forced password change.
 */
public enum LoginStage {
    MFA_ENROL("/login/mfa/enrol"),
    MFA("/login/mfa"),
    PASSWORD_CHANGE("/account/password");

    private final String path;

    LoginStage(String path) {
        this.path = path;
    }

    /** The page that completes this stage. */
    public String path() {
        return path;
    }

    public String authority() {
        return "STAGE_" + name();
    }

    /** The stage a session is in, or empty when it is fully logged in (or not a session). */
    public static Optional<LoginStage> of(Authentication auth) {
        if (auth == null) {
            return Optional.empty();
        }
        for (GrantedAuthority a : auth.getAuthorities()) {
            Optional<LoginStage> s = Arrays.stream(values()).filter(v -> v.authority().equals(a.getAuthority()))
                    .findFirst();
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }
}
