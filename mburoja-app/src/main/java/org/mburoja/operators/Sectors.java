package org.mburoja.operators;

import java.util.List;
import java.util.Optional;

/** The reference list of NIS2 sectors and sub-sectors (read-only; seeded by migration). */
public interface Sectors {

    /** Annex I first, then Annex II, each in the annex's order. */
    List<Sector> all();

    Optional<Sector> find(String code);
}
