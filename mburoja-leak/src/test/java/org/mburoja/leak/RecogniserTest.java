package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each recogniser on the prose fixture {@code recognisers/prose-mentions.txt}. */
class RecogniserTest {

    private final List<String> found = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    private ScanReport scanProse() throws Exception {
        return Fixtures.scan(Fixtures.path("recognisers/prose-mentions.txt"), ScanOptions.defaults()
                .withListener((f, t, v, valid) -> (valid ? found : rejected).add(t.key() + "=" + v)));
    }

    @Test
    void findsIdentifiersWithValidCheckDigitsAndRejectsLookAlikes() throws Exception {
        ScanReport r = scanProse();
        assertThat(found).contains("nid=J00101999W", "iban=AL40 2021 1006 0000 0001 2345 6789",
                "iban=DE89370400440532013000");
        assertThat(rejected).contains("nid=J00101999B", "iban=AL68202110010000000123456789");
        assertThat(r.count(EntityType.NID)).isEqualTo(1);
        assertThat(r.count(EntityType.IBAN)).isEqualTo(2);
    }

    @Test
    void findsPhonesInTheirUsualSpellingsButNotOrderOrBatchNumbers() throws Exception {
        ScanReport r = scanProse();
        assertThat(found).contains("phone=069 123 4567", "phone=+355 68 765 4321");
        assertThat(r.count(EntityType.PHONE)).isEqualTo(2);
    }

    @Test
    void findsPlatesCardsGovernmentMailsAndSecrets() throws Exception {
        ScanReport r = scanProse();
        assertThat(found).contains("plate=TR 1234 A", "plate=AB 123 CD", "payment_card=4111 1111 1111 1111",
                "gov_email=drita.hoxha@financa.gov.al", "credential=S3cr3tPass!", "secret=AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void scoresNamesDatesSalariesAndPartyByNearbyWords() throws Exception {
        ScanReport r = scanProse();
        assertThat(found).contains("person_name=Arben Hoxha", "person_name=Elira Gashi", "birth_date=12.03.1985",
                "salary=85.000", "political_preference=Partia B");
        assertThat(found).noneMatch(v -> v.startsWith("person_name=Qemal"));
        assertThat(r.count(EntityType.BIRTH_DATE)).as("a timestamp is not a birth date").isEqualTo(1);
        assertThat(r.count(EntityType.SALARY)).isEqualTo(1);
        assertThat(r.count(EntityType.PERSON_NAME)).isEqualTo(3);
    }

    @Test
    void reportsOnlyMaskedSamplesAndHighRiskForIdentityData() throws Exception {
        ScanReport r = Fixtures.scan("recognisers/prose-mentions.txt");
        assertThat(r.perFile().get(0).samples().get(EntityType.NID)).containsExactly("J0****99W");
        assertThat(r.risk().level()).isEqualTo(RiskLevel.HIGH);
        assertThat(r.specialCategories()).containsExactly("political_opinion");
        assertThat(ReportJson.write(r)).doesNotContain("J00101999W");
    }
}
