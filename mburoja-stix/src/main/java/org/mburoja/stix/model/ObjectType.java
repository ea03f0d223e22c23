package org.mburoja.stix.model;

import java.util.Map;
import java.util.Set;

/**
 * What the STIX 2.1 specification says about one object type: its family, its required properties beyond the common
 * ones, the object types each reference property may point to, its timestamp properties and its vocabularies.
 *
 * <p>Reference targets are type names, or one of {@link #ANY}, {@link #ANY_SCO}, {@link #ANY_SDO}, {@link #ANY_SRO}.
 * Limits: cross-property rules ("at least one of", "name required when is_family") live in
 * {@link org.mburoja.stix.StixValidator}, not here.
 */
public record ObjectType(String name, ObjectKind kind, Set<String> required, Map<String, Set<String>> references,
                         Set<String> timestamps, Map<String, Vocabulary> vocabularies) {

    public static final String ANY = "*";
    public static final String ANY_SCO = "<sco>";
    public static final String ANY_SDO = "<sdo>";
    public static final String ANY_SRO = "<sro>";

    /** Whether {@code targetType} may be referenced from {@code property}. */
    public boolean allowsTarget(String property, String targetType) {
        Set<String> allowed = references.get(property);
        if (allowed == null || allowed.contains(ANY) || allowed.contains(targetType)) {
            return true;
        }
        ObjectKind k = StixTypes.kindOf(targetType);
        return allowed.contains(ANY_SCO) && k == ObjectKind.SCO
                || allowed.contains(ANY_SDO) && k == ObjectKind.SDO
                || allowed.contains(ANY_SRO) && k == ObjectKind.SRO
                || k == ObjectKind.CUSTOM && (allowed.contains(ANY_SCO) || allowed.contains(ANY_SDO));
    }
}
