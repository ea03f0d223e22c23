package org.mburoja.leak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanTest {

    @ParameterizedTest
    @ValueSource(strings = {"AL40202110060000000123456789", "AL40 2021 1006 0000 0001 2345 6789",
            "AL552051234500000000ABC12345", "DE89370400440532013000", "GB82WEST12345698765432"})
    void acceptsValidIbans(String iban) {
        assertThat(Iban.isValid(iban)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AL41202110060000000123456789", "DE89370400440532013001", "AL4020211006000000012345678",
            "XX40202110060000000123456789"})
    void rejectsWrongCheckDigitsLengthOrCountry(String iban) {
        assertThat(Iban.isValid(iban)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AL68202110010000000123456789"})
    void rejectsAnAlbanianIbanWhoseNationalCheckDigitIsWrongEvenWithValidMod97(String iban) {
        assertThat(Iban.isValid(iban)).isFalse();
    }
}
