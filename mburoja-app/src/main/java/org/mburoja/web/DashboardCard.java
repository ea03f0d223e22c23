package org.mburoja.web;

import java.util.List;
import org.mburoja.kernel.Actor;

/**
 * A card on the home dashboard. A module publishes its figures by declaring a bean implementing this interface; the
 * dashboard shows every card whose {@link #visibleTo(Actor)} is true, ordered by {@link #order()}, as a table of
 * counts and, when {@link #chart()} says so, an ECharts bar or pie chart drawn by a static script (no inline code).
 *
 * <p>Cards are computed on every dashboard view: keep {@link #figures(Actor)} to one or two indexed queries.
 */
public interface DashboardCard {

    /** Message key of the card's title. */
    String titleKey();

    /** Position on the dashboard, lower first. */
    default int order() {
        return 100;
    }

    default boolean visibleTo(Actor actor) {
        return true;
    }

    /** How to draw the figures besides the table. */
    default Chart chart() {
        return Chart.BAR;
    }

    /** The figures, already restricted to what the actor may see. */
    List<Figure> figures(Actor actor);

    /**
     * A card from its parts, for the common case of a fixed title, position, chart and audience.
     *
     * @param titleKey  message key of the title
     * @param order     position, lower first
     * @param chart     how to draw the figures
     * @param audience  who sees the card
     * @param figures   the figures for an actor of that audience
     */
    static DashboardCard of(String titleKey, int order, Chart chart, java.util.function.Predicate<Actor> audience,
                            java.util.function.Function<Actor, List<Figure>> figures) {
        return new DashboardCard() {
            @Override
            public String titleKey() {
                return titleKey;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public Chart chart() {
                return chart;
            }

            @Override
            public boolean visibleTo(Actor actor) {
                return audience.test(actor);
            }

            @Override
            public List<Figure> figures(Actor actor) {
                return figures.apply(actor);
            }
        };
    }

    /** Chart type of a card. */
    enum Chart { NONE, BAR, PIE }

    /**
     * One count on a card.
     *
     * @param labelKey message key of the label, or null to show {@code label} as it is (e.g. a sector name)
     * @param label    label shown when there is no key
     * @param value    the count
     */
    record Figure(String labelKey, String label, long value) {

        public static Figure keyed(String labelKey, long value) {
            return new Figure(labelKey, labelKey, value);
        }

        public static Figure plain(String label, long value) {
            return new Figure(null, label, value);
        }
    }
}
