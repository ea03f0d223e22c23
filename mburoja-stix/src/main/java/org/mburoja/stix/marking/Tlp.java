package org.mburoja.stix.marking;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Traffic Light Protocol 2.0 levels (FIRST, 2022) with the fixed STIX marking-definition ids of the OASIS TLP 2.0
 * extension ({@code extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d}), and the STIX 2.1 TLP 1.0 ids mapped
 * onto them (WHITE becomes CLEAR; GREEN, AMBER, RED keep their level).
 *
 * <p>Ordered from least to most restrictive, so {@code compareTo} says which of two markings wins: when an object
 * carries several TLP markings, the most restrictive one applies.
 */
public enum Tlp {
    CLEAR("clear", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"),
    GREEN("green", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"),
    AMBER("amber", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"),
    AMBER_STRICT("amber+strict", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", null),
    RED("red", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed");

    /** The extension definition that carries the TLP 2.0 level inside the marking definitions. */
    public static final String EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    /** The {@code created} timestamp of the published TLP 2.0 marking definitions. */
    public static final String CREATED = "2022-10-01T00:00:00.000Z";

    private static final Map<String, Tlp> BY_ID;

    static {
        Map<String, Tlp> m = new java.util.HashMap<>();
        for (Tlp t : values()) {
            m.put(t.markingId, t);
            if (t.tlp1MarkingId != null) {
                m.put(t.tlp1MarkingId, t);
            }
        }
        BY_ID = Map.copyOf(m);
    }

    private final String level;
    private final String markingId;
    private final String tlp1MarkingId;

    Tlp(String level, String markingId, String tlp1MarkingId) {
        this.level = level;
        this.markingId = markingId;
        this.tlp1MarkingId = tlp1MarkingId;
    }

    /** The TLP 2.0 marking-definition id. */
    public String markingId() {
        return markingId;
    }

    /** The STIX 2.1 TLP 1.0 marking-definition id mapped to this level, if TLP 1.0 had it. */
    public Optional<String> tlp1MarkingId() {
        return Optional.ofNullable(tlp1MarkingId);
    }

    /** The level as the extension writes it ({@code amber+strict}). */
    public String level() {
        return level;
    }

    /** The label as people write it ({@code TLP:AMBER+STRICT}). */
    public String label() {
        return "TLP:" + level.toUpperCase(Locale.ROOT);
    }

    /** The level for a TLP 2.0 or TLP 1.0 marking-definition id. */
    public static Optional<Tlp> ofMarkingId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The level for a label or level name ({@code TLP:AMBER+STRICT}, {@code amber+strict}, {@code white}). */
    public static Optional<Tlp> ofLabel(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (l.startsWith("tlp:")) {
            l = l.substring(4);
        }
        l = l.replace('_', '+').replace(" ", "");
        if (l.equals("white")) {
            return Optional.of(CLEAR);
        }
        for (Tlp t : values()) {
            if (t.level.equals(l)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The more restrictive of two levels. */
    public Tlp max(Tlp other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
