package org.mburoja.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mburoja.sigma.internal.compile.EventContext;
import org.mburoja.sigma.internal.index.LiteralHits;
import org.mburoja.sigma.internal.index.RuleIndex;

/**
 * The literal pre-filter looks for a rule's literals only in the fields its requirement names: a literal that occurs
 * in another field (scanned for another rule's literals) does not select the rule for evaluation.
 */
class PrefilterFieldTest {

    private static SigmaEngine engine() throws Exception {
        String text = new String(PrefilterFieldTest.class.getResourceAsStream("/prefilter/field-literals.yml")
                .readAllBytes());
        return SigmaEngine.compile(SigmaRules.parse(text, "field-literals.yml"),
                EngineOptions.defaults().withEvaluateUnmapped(true));
    }

    /** The rules (by position in the file) the pre-filter leaves to evaluate for this event. */
    private static List<Integer> selected(SigmaEngine engine, Event event) {
        RuleIndex index = engine.index();
        EventContext ctx = new EventContext(event);
        RuleIndex.Candidates c = index.candidates(ctx);
        LiteralHits hits = index.newHits();
        index.scan(ctx, c, hits);
        long[] bits = c.select(hits);
        List<Integer> out = new ArrayList<>();
        for (int pos = 0; pos < c.variants().length; pos++) {
            if ((bits[pos >>> 6] >>> pos & 1) != 0) {
                out.add(c.variants()[pos].variant().rule());
            }
        }
        return out;
    }

    @Test
    void aLiteralInAnotherFieldDoesNotSelectTheRule() throws Exception {
        SigmaEngine engine = engine();
        // 'evilword' is in Image, which is scanned for the other rule's '\tool.exe'; the first rule wants it in
        // CommandLine
        Event elsewhere = Event.of(Map.of("CommandLine", "run tool.exe", "Image", "C:\\x\\evilword.exe"));
        assertThat(selected(engine, elsewhere)).isEmpty();
        assertThat(engine.detect(elsewhere).matches()).isEmpty();

        Event both = Event.of(Map.of("CommandLine", "run EvilWord now", "Image", "C:\\x\\Tool.exe"));
        assertThat(selected(engine, both)).containsExactly(0, 1);
        assertThat(engine.detect(both).matches()).extracting(Match::title)
                .containsExactly("Evil word on the command line", "Tool image");
    }
}
