package org.mburoja.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenScopeTest {

    @Test
    void parsesReadAndWrite() {
        assertThat(TokenScope.parse("operators:read")).isEqualTo(new TokenScope("operators", false));
        assertThat(TokenScope.parse(" Incidents:WRITE ")).isEqualTo(new TokenScope("incidents", true));
        assertThat(TokenScope.parse("operators:write").toString()).isEqualTo("operators:write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "operators", "operators:", ":read", "operators:admin", "a:read", "ops*:read",
            "operators:read:write", "../etc:read", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx:read", "opérateurs:read"})
    void rejectsMalformedScopes(String text) {
        assertThatThrownBy(() -> TokenScope.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope");
    }
}
