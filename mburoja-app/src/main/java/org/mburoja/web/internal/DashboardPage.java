package org.mburoja.web.internal;

import java.util.Comparator;
import java.util.List;
import org.mburoja.kernel.Actor;
import org.mburoja.web.DashboardCard;
import org.mburoja.web.NavigationEntry;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home dashboard: every {@link DashboardCard} the actor may see, each with its counts and chart. */
@Controller
class DashboardPage {

    private final List<DashboardCard> cards;

    DashboardPage(List<DashboardCard> cards) {
        this.cards = cards.stream().sorted(Comparator.comparingInt(DashboardCard::order)).toList();
    }

    /** A card as rendered; the chart script reads the figures from the card's table (no inline data). */
    record RenderedCard(String titleKey, DashboardCard.Chart chart, List<DashboardCard.Figure> figures,
                        long total) {
    }

    @GetMapping("/")
    String dashboard(@AuthenticationPrincipal Actor actor, Model model) {
        List<RenderedCard> shown = cards.stream().filter(c -> c.visibleTo(actor))
                .map(c -> {
                    List<DashboardCard.Figure> f = c.figures(actor);
                    return new RenderedCard(c.titleKey(), c.chart(), f,
                            f.stream().mapToLong(DashboardCard.Figure::value).sum());
                }).toList();
        model.addAttribute("cards", shown);
        return "web/dashboard";
    }

    @Bean
    static NavigationEntry dashboardNavigation() {
        return new NavigationEntry("/", "nav.dashboard", 0, NavigationEntry.Audience.EVERYONE);
    }
}
