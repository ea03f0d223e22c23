package org.mburoja.incidents.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RsitTaxonomyTest {

    final RsitTaxonomy rsit = RsitTaxonomy.standard();

    @Test
    void holdsElevenClassesAndThirtyNineTypes() {
        assertThat(rsit.classes()).hasSize(11);
        assertThat(rsit.classes().stream().mapToInt(c -> c.types().size()).sum()).isEqualTo(39);
        assertThat(rsit.classes()).extracting(RsitTaxonomy.RsitClass::name).containsExactly("Abusive Content",
                "Malicious Code", "Information Gathering", "Intrusion Attempts", "Intrusions", "Availability",
                "Information Content Security", "Fraud", "Vulnerable", "Other", "Test");
    }

    @Test
    void typesBelongToTheirClassOnly() {
        assertThat(rsit.contains("intrusions", "system-compromise")).isTrue();
        assertThat(rsit.contains("availability", "system-compromise")).isFalse();
        assertThat(rsit.contains("no-such-class", "spam")).isFalse();
        assertThat(rsit.contains(null, "spam")).isFalse();
    }
}
