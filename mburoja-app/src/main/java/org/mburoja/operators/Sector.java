package org.mburoja.operators;

import java.util.List;
import java.util.Locale;

/**
 * A sector of NIS2 Annex I (sectors of high criticality) or Annex II (other critical sectors), from the seeded
 * reference list; an operator in a sector with sub-sectors must name one.
 *
 * @param annex {@code I} or {@code II}
 */
public record Sector(String code, String annex, String nameEn, String nameSq, List<SubSector> subSectors) {

    public Sector {
        subSectors = List.copyOf(subSectors);
    }

    public String name(Locale locale) {
        return locale != null && "sq".equals(locale.getLanguage()) ? nameSq : nameEn;
    }

    /** A sub-sector of a sector (e.g. electricity in energy). */
    public record SubSector(String code, String nameEn, String nameSq) {

        public String name(Locale locale) {
            return locale != null && "sq".equals(locale.getLanguage()) ? nameSq : nameEn;
        }
    }
}
