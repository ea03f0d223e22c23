package org.mburoja.sigma.internal.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mburoja.sigma.Event;

/**
 * Combinations test their cheapest items first (checks are pure, so the order cannot change an answer): a keyword
 * search over every field runs after an equality on one field, and is not run at all when that equality already
 * decides.
 */
class CheckOrderTest {

    /** A check that answers {@code value} and records that it ran. */
    private record Probe(String name, boolean value, int cost, List<String> ran) implements Check {
        public boolean test(EventContext ctx) {
            ran.add(name);
            return value;
        }
    }

    private static final EventContext CTX = new EventContext(Event.of(Map.of("Level", "4")));

    @Test
    void andTestsTheCheapItemFirstAndStopsWhenItFails() {
        List<String> ran = new ArrayList<>();
        Check c = Check.and(List.of(new Probe("keywords", true, 500, ran), new Probe("level", false, 2, ran)));
        assertThat(c.test(CTX)).isFalse();
        assertThat(ran).containsExactly("level");
    }

    @Test
    void orTestsTheCheapItemFirstAndStopsWhenItHolds() {
        List<String> ran = new ArrayList<>();
        Check c = Check.or(List.of(new Probe("regex", false, 41, ran), new Probe("equals", true, 2, ran)));
        assertThat(c.test(CTX)).isTrue();
        assertThat(ran).containsExactly("equals");
    }

    @Test
    void equalCostsKeepTheirOrderAndAnswersDoNotDependOnOrder() {
        List<String> ran = new ArrayList<>();
        Check c = Check.atLeast(2, List.of(new Probe("a", true, 3, ran), new Probe("b", false, 3, ran),
                new Probe("c", true, 3, ran)));
        assertThat(c.test(CTX)).isTrue();
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void aKeywordSearchCostsMoreThanAFieldEquality() {
        FieldChecks.TextCheck level = new FieldChecks.TextCheck("Level", new TextTest[] {new TextTest.Equals("4")},
                new RegexMatcher[0], false, false);
        FieldChecks.KeywordCheck keywords = new FieldChecks.KeywordCheck(new FieldChecks.TextCheck(null,
                new TextTest[] {new TextTest.Contains("mimikatz"), new TextTest.Contains("cobalt")},
                new RegexMatcher[0], false, false));
        assertThat(keywords.cost()).isGreaterThan(level.cost());
        Check c = Check.and(List.of(keywords, Check.not(level)));
        assertThat(((Check.All) c).items()[0]).isInstanceOf(Check.Not.class);
        assertThat(c.test(CTX)).isFalse();
    }
}
