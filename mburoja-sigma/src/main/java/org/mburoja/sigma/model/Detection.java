package org.mburoja.sigma.model;

import java.util.Map;

/** The {@code detection} block: named searches (in rule order) and the condition over them. */
public record Detection(Map<String, Search> searches, Condition condition, String conditionText) {
}
