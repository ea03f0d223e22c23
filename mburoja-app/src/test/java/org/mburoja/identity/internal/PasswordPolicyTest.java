package org.mburoja.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "short1!, password.too-short",
            "aaaaaaaaaaaaaaa, password.too-simple",
            "password1234, password.common",
            "Shqiperia123, password.common",
            "my-alice-is-great, password.contains-username"})
    void refusesWeakPasswords(String password, String problem) {
        assertThat(PasswordPolicy.problems("alice", password)).contains(problem);
    }

    @Test
    void refusesOverlongPasswords() {
        assertThat(PasswordPolicy.problems("alice", "x1".repeat(200))).containsExactly("password.too-long");
    }

    @Test
    void acceptsAPassphrase() {
        assertThat(PasswordPolicy.problems("alice", "correct horse battery staple")).isEmpty();
    }

    @Test
    void generatedPasswordsSatisfyThePolicy() {
        PasswordGenerator g = new PasswordGenerator(new SecureRandom());
        for (int i = 0; i < 200; i++) {
            String p = g.next();
            assertThat(p).hasSize(20).matches("[a-km-zA-HJ-NP-Z2-9]+");
            assertThat(PasswordPolicy.problems("someone", p)).isEmpty();
        }
    }
}
