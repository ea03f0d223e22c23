package org.mburoja.sigma.internal.correlate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mburoja.sigma.CorrelationWindow;
import org.mburoja.sigma.model.CorrelationRule;

/** Measures a window for each correlation type and applies the condition; the measured value, or null. */
final class Metrics {

    private Metrics() {
    }

    static Double measure(CorrelationRule c, CorrelationWindow w, String current) {
        double x;
        switch (c.type()) {
            case EVENT_COUNT -> x = w.size();
            case VALUE_COUNT -> {
                Set<String> distinct = new HashSet<>();
                for (CorrelationWindow.Hit h : w.hits()) {
                    if (h.value() != null) {
                        distinct.add(h.value());
                    }
                }
                x = distinct.size();
            }
            case VALUE_SUM, VALUE_AVG -> {
                double sum = 0;
                int n = 0;
                for (CorrelationWindow.Hit h : w.hits()) {
                    Double d = number(h.value());
                    if (d != null) {
                        sum += d;
                        n++;
                    }
                }
                if (n == 0) {
                    return null;
                }
                x = c.type() == CorrelationRule.Type.VALUE_SUM ? sum : sum / n;
            }
            case VALUE_PERCENTILE -> {
                if (c.condition().percentile() != null) {
                    List<Double> values = new ArrayList<>();
                    for (CorrelationWindow.Hit h : w.hits()) {
                        Double d = number(h.value());
                        if (d != null) {
                            values.add(d);
                        }
                    }
                    if (values.isEmpty()) {
                        return null;
                    }
                    values.sort(Double::compare);
                    double p = c.condition().percentile().doubleValue();
                    int rank = (int) Math.ceil(p / 100.0 * values.size());
                    x = values.get(Math.max(0, rank - 1));
                } else {
                    int same = 0;
                    for (CorrelationWindow.Hit h : w.hits()) {
                        if (current != null && current.equals(h.value())) {
                            same++;
                        }
                    }
                    x = 100.0 * same / w.size();
                }
            }
            case TEMPORAL -> {
                Set<Integer> rules = new HashSet<>();
                for (CorrelationWindow.Hit h : w.hits()) {
                    rules.add(h.rule());
                }
                x = rules.size();
            }
            default -> {
                int next = 0;
                for (CorrelationWindow.Hit h : w.hits()) {
                    if (h.rule() == next) {
                        next++;
                    }
                }
                x = next;
            }
        }
        return c.condition().test(x) ? x : null;
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new BigDecimal(s.trim()).doubleValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
