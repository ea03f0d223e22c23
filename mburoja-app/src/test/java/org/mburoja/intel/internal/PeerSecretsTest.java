package org.mburoja.intel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerSecretsTest {

    static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String KEY_B = "HxwdHh8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRo=";

    @TempDir
    Path home;

    @Test
    void roundTripsWithoutTheSecretAppearingInTheStoredForm() {
        PeerSecrets secrets = new PeerSecrets(KEY_A, home.toString());
        String stored = secrets.encrypt("mbj_token_secret_value");
        assertThat(stored).startsWith("v1:").doesNotContain("mbj_token_secret_value");
        assertThat(secrets.decrypt(stored)).isEqualTo("mbj_token_secret_value");
    }

    @Test
    void usesAFreshNonceForEveryEncryption() {
        PeerSecrets secrets = new PeerSecrets(KEY_A, home.toString());
        assertThat(secrets.encrypt("same")).isNotEqualTo(secrets.encrypt("same"));
    }

    @Test
    void refusesToDecryptWithAnotherKey() {
        String stored = new PeerSecrets(KEY_A, home.toString()).encrypt("secret");
        assertThatThrownBy(() -> new PeerSecrets(KEY_B, home.toString()).decrypt(stored))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("re-enter");
    }

    @Test
    void refusesTamperedOrForeignValues() {
        PeerSecrets secrets = new PeerSecrets(KEY_A, home.toString());
        String stored = secrets.encrypt("secret");
        String tampered = stored.substring(0, stored.length() - 2) + (stored.endsWith("A=") ? "B=" : "A=");
        assertThatThrownBy(() -> secrets.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.decrypt("plain-token")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secrets.decrypt("v1:!!notbase64")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createsAndReusesAKeyFileWhenNoKeyIsConfigured() throws Exception {
        String stored = new PeerSecrets("", home.toString()).encrypt("secret");
        Path key = home.resolve("keys").resolve("federation.key");
        assertThat(Files.exists(key)).isTrue();
        assertThat(new PeerSecrets("", home.toString()).decrypt(stored)).isEqualTo("secret");
    }

    @Test
    void refusesAConfiguredKeyOfTheWrongLength() {
        assertThatThrownBy(() -> new PeerSecrets("AAEC", home.toString()).encrypt("x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }
}
