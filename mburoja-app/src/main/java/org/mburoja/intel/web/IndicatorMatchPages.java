package org.mburoja.intel.web;

import java.util.ArrayList;
import java.util.List;
import org.mburoja.intel.IndicatorMatching;
import org.mburoja.intel.MatchReport;
import org.mburoja.intel.ObservedValue;
import org.mburoja.intel.internal.StixJson;
import org.mburoja.kernel.Actor;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The page where an analyst (or an operator, for its own logs) pastes values or JSON-lines events and sees which
 * known indicators they name: the same live index and the same release rules as {@code POST /api/v1/intel/match}.
 * A line that starts with <code>{</code> is an event (every string value is looked up); any other line is a value.
 * A malformed line is reported with its number and the others are still matched.
 */
@Controller
@RequestMapping("/intel")
class IndicatorMatchPages extends IntelPageErrors {

    static final int MAX_CHARS = 1_000_000;
    static final int MAX_REPORTED_LINES = 20;

    private final IndicatorMatching matching;

    IndicatorMatchPages(IndicatorMatching matching) {
        this.matching = matching;
    }

    @GetMapping("/match")
    String form(@AuthenticationPrincipal Actor actor, Model model) {
        IntelPages.require(actor);
        model.addAttribute("text", "");
        model.addAttribute("maxChars", MAX_CHARS);
        return "intel/match";
    }

    @PostMapping("/match")
    String match(@AuthenticationPrincipal Actor actor, @RequestParam(defaultValue = "") String text, Model model) {
        IntelPages.require(actor);
        model.addAttribute("maxChars", MAX_CHARS);
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("text: longer than " + MAX_CHARS + " characters; use the API "
                    + "(POST /api/v1/intel/match) or mburoja stix match for larger inputs");
        }
        model.addAttribute("text", text);
        List<ObservedValue> values = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int badCount = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            if (line.startsWith("{")) {
                try {
                    JsonNode event = StixJson.MAPPER.readTree(line);
                    IndicatorMatchController.walk(number, "", event, values);
                } catch (JacksonException e) {
                    badCount++;
                    if (bad.size() < MAX_REPORTED_LINES) {
                        bad.add(number + ": " + e.getOriginalMessage());
                    }
                }
            } else {
                values.add(new ObservedValue(number, "value", line));
            }
        }
        model.addAttribute("bad", bad);
        model.addAttribute("badCount", badCount);
        try {
            MatchReport report = matching.match(actor, values, 1000);
            model.addAttribute("report", report);
        } catch (IndicatorMatching.IndexNotReady e) {
            model.addAttribute("notReady", true);
        }
        return "intel/match";
    }
}
