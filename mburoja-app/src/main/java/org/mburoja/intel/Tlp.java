package org.mburoja.intel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Traffic Light Protocol 2.0 levels, ordered from least to most restrictive, with the fixed STIX
 * marking-definition ids of TLP 2.0 and of TLP 1.0 (mapped to their 2.0 equivalents: WHITE is CLEAR, AMBER stays
 * AMBER). Marking definitions that are not TLP are not levels and are ignored here.
 */
public enum Tlp {
    CLEAR("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
    GREEN("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
    AMBER("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
    AMBER_STRICT("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
    RED("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1");

    private static final Map<String, Tlp> BY_MARKING = Map.of(
            CLEAR.markingId, CLEAR, GREEN.markingId, GREEN, AMBER.markingId, AMBER,
            AMBER_STRICT.markingId, AMBER_STRICT, RED.markingId, RED,
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", RED);

    private final String markingId;

    Tlp(String markingId) {
        this.markingId = markingId;
    }

    /** The TLP 2.0 marking-definition id to put in {@code object_marking_refs}. */
    public String markingId() {
        return markingId;
    }

    /** The level a marking reference stands for (TLP 2.0 or 1.0), or empty for any other marking. */
    public static Optional<Tlp> ofMarking(String markingRef) {
        return Optional.ofNullable(markingRef == null ? null : BY_MARKING.get(markingRef.toLowerCase(Locale.ROOT)));
    }

    /** The more restrictive of two levels; {@code null} stands for "no TLP marking". */
    public static Tlp stricter(Tlp a, Tlp b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** The label as TLP 2.0 writes it: {@code TLP:AMBER+STRICT}. */
    public String label() {
        return "TLP:" + (this == AMBER_STRICT ? "AMBER+STRICT" : name());
    }

    /** Parses {@code AMBER+STRICT}, {@code amber_strict}, {@code TLP:GREEN}, {@code white} (TLP 1.0). */
    public static Tlp parse(String s) {
        String k = s.trim().toUpperCase(Locale.ROOT);
        if (k.startsWith("TLP:")) {
            k = k.substring(4);
        }
        return switch (k) {
            case "WHITE", "CLEAR" -> CLEAR;
            case "AMBER+STRICT", "AMBER_STRICT" -> AMBER_STRICT;
            default -> valueOf(k);
        };
    }
}
