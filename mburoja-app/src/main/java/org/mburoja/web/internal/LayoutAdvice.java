package org.mburoja.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.mburoja.kernel.Actor;
import org.mburoja.web.NavigationEntry;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts what the layout needs into every page's model: the acting user and the navigation it may see. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

    private final List<NavigationEntry> entries;

    LayoutAdvice(List<NavigationEntry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparingInt(NavigationEntry::order)).toList();
    }

    /** The fully logged-in actor, or null (login pages, sessions still in a login stage). */
    @ModelAttribute("me")
    Actor me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Actor actor
                && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
            return actor;
        }
        return null;
    }

    @ModelAttribute("navigation")
    List<NavigationEntry> navigation() {
        Actor me = me();
        return me == null ? List.of() : entries.stream().filter(e -> e.visibleTo(me)).toList();
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
