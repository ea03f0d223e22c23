package org.mburoja.operators.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mburoja.operators.EntityClass;
import org.mburoja.operators.FieldProblem;
import org.mburoja.operators.InvalidOperatorException;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;
import org.mburoja.operators.Sector;
import org.mburoja.operators.Sectors;

class OperatorValidationTest {

    static final Sectors SECTORS = new Sectors() {
        final List<Sector> all = List.of(
                new Sector("energy", "I", "Energy", "Energjia", List.of(
                        new Sector.SubSector("energy.electricity", "Electricity", "Energjia elektrike"),
                        new Sector.SubSector("energy.gas", "Gas", "Gazi"))),
                new Sector("banking", "I", "Banking", "Bankat", List.of()));

        @Override
        public List<Sector> all() {
            return all;
        }

        @Override
        public Optional<Sector> find(String code) {
            return all.stream().filter(s -> s.code().equals(code)).findFirst();
        }
    };

    final OperatorValidation validation = new OperatorValidation(SECTORS);

    static OperatorDraft draft(String sector, String subSector, List<String> ranges, List<String> domains) {
        return new OperatorDraft("  OSHEE sh.a. ", "k12345678h", "Tiranë", sector, subSector, "essential",
                "cert@oshee.al", "+355 4 222 2222", "", "069 123 4567", List.of(), ranges, domains,
                List.of("AS64512", "64512"));
    }

    static List<String> fields(InvalidOperatorException e) {
        return e.problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void normalisesEveryFieldAndDeduplicatesLists() {
        Operator o = validation.validate(draft("Energy", "electricity",
                List.of("2001:DB8::/32", "10.0.0.0/8", "10.0.0.0/8", "9.0.0.0/8"),
                List.of("Example.AL", "example.al.", "shqipëri.al")));
        assertThat(o.name()).isEqualTo("OSHEE sh.a.");
        assertThat(o.nipt()).isEqualTo("K12345678H");
        assertThat(o.sector()).isEqualTo("energy");
        assertThat(o.subSector()).isEqualTo("energy.electricity");
        assertThat(o.entityClass()).isEqualTo(EntityClass.ESSENTIAL);
        assertThat(o.contacts().emergencyPhone()).isEqualTo("+355691234567");
        assertThat(o.contacts().emergencyName()).isNull();
        assertThat(o.serviceStates()).containsExactly("AL");
        assertThat(o.ipRanges()).containsExactly("9.0.0.0/8", "10.0.0.0/8", "2001:db8::/32");
        assertThat(o.domains()).containsExactly("example.al", "xn--shqipri-vya.al");
        assertThat(o.asns()).containsExactly(64512L);
    }

    @Test
    void requiresASubSectorExactlyWhenTheSectorHasThem() {
        assertThat(fields(catchThrowableOfType(InvalidOperatorException.class,
                () -> validation.validate(draft("energy", null, List.of(), List.of()))))).containsExactly("subSector");
        assertThat(fields(catchThrowableOfType(InvalidOperatorException.class,
                () -> validation.validate(draft("energy", "banking", List.of(), List.of()))))).containsExactly("subSector");
        assertThat(fields(catchThrowableOfType(InvalidOperatorException.class,
                () -> validation.validate(draft("banking", "gas", List.of(), List.of()))))).containsExactly("subSector");
        assertThat(validation.validate(draft("banking", "", List.of(), List.of())).subSector()).isNull();
        assertThat(fields(catchThrowableOfType(InvalidOperatorException.class,
                () -> validation.validate(draft("mining", null, List.of(), List.of()))))).containsExactly("sector");
    }

    @Test
    void reportsEveryMissingRequiredField() {
        OperatorDraft empty = new OperatorDraft(null, " ", null, null, null, null, null, null, null, null, null, null,
                null, null);
        assertThat(fields(catchThrowableOfType(InvalidOperatorException.class, () -> validation.validate(empty))))
                .containsExactlyInAnyOrder("name", "nipt", "address", "sector", "entityClass", "securityEmail",
                        "securityPhone", "emergencyPhone");
    }

    @Test
    void namesTheBadEntryOfAListByItsIndex() {
        InvalidOperatorException e = catchThrowableOfType(InvalidOperatorException.class, () -> validation.validate(
                draft("banking", null, List.of("10.0.0.0/8", "10.0.0.300", "", "fe80::1/64"), List.of("ok.al", "bad_.al"))));
        assertThat(fields(e)).containsExactly("ipRanges[1]", "ipRanges[3]", "domains[1]");
    }

    @Test
    void refusesOversizedListsAndTextWithoutTryingEachEntry() {
        List<String> many = Collections.nCopies(OperatorValidation.MAX_RANGES + 1, "10.0.0.0/8");
        InvalidOperatorException e = catchThrowableOfType(InvalidOperatorException.class,
                () -> validation.validate(draft("banking", null, many, List.of())));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("ipRanges");
            assertThat(p.message()).contains("at most 50000");
        });
        OperatorDraft longName = new OperatorDraft("x".repeat(301), "K12345678H", "a\u0007b", "banking", null,
                "IMPORTANT", "a@b.al", "+355 4 222 2222", null, "+355 4 222 2222", null, null, null, null);
        assertThat(catchThrowableOfType(InvalidOperatorException.class, () -> validation.validate(longName)).problems())
                .extracting(FieldProblem::message).containsExactly("is longer than 300 characters",
                        "contains control characters");
    }

    @Test
    void capsTheNumberOfProblemsReportedPerList() {
        List<String> junk = Collections.nCopies(1000, "junk");
        InvalidOperatorException e = catchThrowableOfType(InvalidOperatorException.class,
                () -> validation.validate(draft("banking", null, junk, List.of())));
        assertThat(e.problems()).hasSize(20);
    }
}
