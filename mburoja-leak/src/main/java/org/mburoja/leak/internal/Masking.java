package org.mburoja.leak.internal;

import org.mburoja.leak.EntityType;

/**
 * Masks a value for reports: enough to recognise the kind and spot-check a hit ({@code J0****99W},
 * {@code AL47****1234}, {@code a***@gmail.com}), never enough to identify the person.
 */
public final class Masking {

    private Masking() {
    }

    public static String mask(EntityType t, String v) {
        String compact = v.replace(" ", "");
        if (t == EntityType.EMAIL || t == EntityType.GOV_EMAIL) {
            int at = v.indexOf('@');
            return at > 0 ? v.charAt(0) + "***" + v.substring(at) : "***";
        }
        if (t == EntityType.CREDENTIAL || t == EntityType.SECRET) {
            return compact.length() > 4 ? compact.substring(0, 4) + "****" : "****";
        }
        if (compact.length() <= 5) {
            return "****";
        }
        return compact.substring(0, 2) + "****" + compact.substring(compact.length() - 3);
    }
}
