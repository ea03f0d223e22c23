package org.mburoja.sigma.internal.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mburoja.sigma.internal.parse.OfPatterns;
import org.mburoja.sigma.model.Condition;
import org.mburoja.sigma.model.Detection;
import org.mburoja.sigma.model.Search;

/** Compiles a detection block: each search identifier to a {@link Check}, then the condition over them. */
public final class DetectionCompiler {

    private final ValueCompiler values;

    public DetectionCompiler(ValueCompiler values) {
        this.values = values;
    }

    /** The compiled condition and, per search identifier, its own check (to report which selections matched). */
    public record Result(Compiled condition, Map<String, Check> searches) {
    }

    public Result compile(Detection detection) {
        Map<String, Compiled> searches = new LinkedHashMap<>();
        for (Map.Entry<String, Search> e : detection.searches().entrySet()) {
            searches.put(e.getKey(), search(e.getValue()));
        }
        Compiled cond = condition(detection.condition(), searches);
        Map<String, Check> checks = new LinkedHashMap<>();
        searches.forEach((k, v) -> checks.put(k, v.check()));
        return new Result(cond, checks);
    }

    private Compiled search(Search s) {
        return switch (s) {
            case Search.Field f -> values.compile(f.match());
            case Search.AllOf a -> {
                List<Check> checks = new ArrayList<>();
                Requirement req = null;
                for (Search item : a.items()) {
                    Compiled c = search(item);
                    checks.add(c.check());
                    req = Requirement.and(req, c.requirement());
                }
                yield new Compiled(Check.and(checks), req);
            }
            case Search.AnyOf o -> {
                List<Check> checks = new ArrayList<>();
                Requirement req = null;
                boolean first = true;
                for (Search item : o.items()) {
                    Compiled c = search(item);
                    checks.add(c.check());
                    req = first ? c.requirement() : Requirement.or(req, c.requirement());
                    first = false;
                }
                yield new Compiled(Check.or(checks), req);
            }
        };
    }

    private static Compiled condition(Condition c, Map<String, Compiled> searches) {
        return switch (c) {
            case Condition.Ref r -> searches.get(r.name());
            case Condition.Not n -> new Compiled(Check.not(condition(n.item(), searches).check()), null);
            case Condition.And a -> {
                List<Check> checks = new ArrayList<>();
                Requirement req = null;
                for (Condition item : a.items()) {
                    Compiled x = condition(item, searches);
                    checks.add(x.check());
                    req = Requirement.and(req, x.requirement());
                }
                yield new Compiled(Check.and(checks), req);
            }
            case Condition.Or o -> {
                List<Check> checks = new ArrayList<>();
                Requirement req = null;
                boolean first = true;
                for (Condition item : o.items()) {
                    Compiled x = condition(item, searches);
                    checks.add(x.check());
                    req = first ? x.requirement() : Requirement.or(req, x.requirement());
                    first = false;
                }
                yield new Compiled(Check.or(checks), req);
            }
            case Condition.Of of -> {
                List<Compiled> picked = new ArrayList<>();
                searches.forEach((name, compiled) -> {
                    boolean them = of.pattern().equals("them");
                    if (them ? !name.startsWith("_") : OfPatterns.matches(of.pattern(), name)) {
                        picked.add(compiled);
                    }
                });
                if (picked.isEmpty()) {
                    yield new Compiled(new Check.Constant(false), null);
                }
                List<Check> checks = picked.stream().map(Compiled::check).toList();
                Requirement req;
                if (of.count() == 1) {
                    req = picked.getFirst().requirement();
                    for (int i = 1; i < picked.size(); i++) {
                        req = Requirement.or(req, picked.get(i).requirement());
                    }
                } else if (of.count() < 0 || of.count() >= picked.size()) {
                    req = null;
                    for (Compiled p : picked) {
                        req = Requirement.and(req, p.requirement());
                    }
                } else {
                    req = null;
                }
                yield new Compiled(Check.atLeast(of.count(), checks), req);
            }
        };
    }
}
