package org.mburoja.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealTest {

    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
        }
    }

    @TempDir
    Path home;

    @Test
    void opensOnlyForTheOwnerItWasSealedFor() {
        SecretSeal seal = SecretSeal.ofKey(KEY);
        String stored = seal.seal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "totp:alice");
        assertThat(stored).startsWith("v1:").doesNotContain("JBSWY3DP");
        assertThat(SecretSeal.isSealed(stored)).isTrue();
        assertThat(seal.open(stored, "totp:alice")).isEqualTo("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        // copied into another user's row, it does not open there
        assertThatThrownBy(() -> seal.open(stored, "totp:mallory")).isInstanceOf(SecretSeal.Unopenable.class)
                .hasMessageContaining("another row").hasMessageNotContaining("JBSWY3DP");
    }

    @Test
    void refusesWhatIsNotASealedValueOfThisKeyWithAReason() {
        SecretSeal seal = SecretSeal.ofKey(KEY);
        String stored = seal.seal("secret", "o");
        byte[] raw = Base64.getDecoder().decode(stored.substring(3));
        for (int i = 0; i < raw.length; i++) { // every single flipped bit, nonce, ciphertext and tag alike
            byte[] t = raw.clone();
            t[i] ^= 1;
            String tampered = "v1:" + Base64.getEncoder().encodeToString(t);
            assertThatThrownBy(() -> seal.open(tampered, "o")).isInstanceOf(SecretSeal.Unopenable.class);
        }
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> SecretSeal.ofKey(other).open(stored, "o")).hasMessageContaining("key changed");
        assertThatThrownBy(() -> seal.open("JBSWY3DPEHPK3PXP", "o")).hasMessageContaining("not a sealed value");
        assertThatThrownBy(() -> seal.open("v1:!!", "o")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> seal.open("v1:AAAA", "o")).hasMessageContaining("too short");
        assertThatThrownBy(() -> seal.open(null, "o")).isInstanceOf(SecretSeal.Unopenable.class);
        assertThat(SecretSeal.isSealed(null)).isFalse();
    }

    @Test
    void aFreshNonceEveryTime() {
        SecretSeal seal = SecretSeal.ofKey(KEY);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertThat(seen.add(seal.seal("same", "o"))).isTrue();
        }
    }

    @Test
    void opensWhatPlainAesGcmWithoutAssociatedDataSealedForTheEmptyOwner() throws Exception {
        // the format peer credentials were stored in before this class: nonce | ciphertext | tag, no associated data
        byte[] nonce = new byte[12];
        nonce[3] = 7;
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
        byte[] ct = c.doFinal("peer-token".getBytes(StandardCharsets.UTF_8));
        byte[] all = new byte[12 + ct.length];
        System.arraycopy(nonce, 0, all, 0, 12);
        System.arraycopy(ct, 0, all, 12, ct.length);
        assertThat(SecretSeal.ofKey(KEY).open("v1:" + Base64.getEncoder().encodeToString(all), ""))
                .isEqualTo("peer-token");
    }

    @Test
    void createsAKeyFileOnlyItsOwnerCanReadAndReusesIt() throws Exception {
        Path file = home.resolve("keys").resolve("totp.key");
        String stored = SecretSeal.of("", "mburoja.x.key", file).seal("s", "o");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(SecretSeal.of(null, "mburoja.x.key", file).open(stored, "o")).isEqualTo("s");
        try (var left = Files.list(file.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("totp.key"); // no temporary files
        }
    }

    @Test
    void theRawKeyIsTheConfiguredOneOrTheKeyFilesCreatedOnFirstUse() throws Exception {
        byte[] configured = new byte[32];
        configured[31] = 7;
        assertThat(SecretSeal.key(Base64.getEncoder().encodeToString(configured), "mburoja.leaks.dump-key",
                home.resolve("never"))).isEqualTo(configured);
        assertThat(Files.exists(home.resolve("never"))).as("no file for a configured key").isFalse();
        Path file = home.resolve("keys").resolve("dumps.key");
        byte[] first = SecretSeal.key(" ", "mburoja.leaks.dump-key", file);
        assertThat(first).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(SecretSeal.key(null, "mburoja.leaks.dump-key", file)).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void processesCreatingTheKeyAtOnceAllGetTheSameKey() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = home.resolve("race" + round).resolve("k.key");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<SecretSeal>> seals = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Callable<SecretSeal> make = () -> SecretSeal.of("", "p", file);
                    seals.add(pool.submit(make));
                }
                String stored = seals.getFirst().get().seal("s", "o");
                for (Future<SecretSeal> f : seals) {
                    assertThat(f.get().open(stored, "o")).isEqualTo("s");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aBrokenKeySaysWhereAndWhy() throws Exception {
        assertThatThrownBy(() -> SecretSeal.of("AAEC", "mburoja.identity.totp-key", home.resolve("unused")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mburoja.identity.totp-key").hasMessageContaining("32 bytes, not 3");
        assertThatThrownBy(() -> SecretSeal.of("not base64 at all!", "p", home.resolve("unused")))
                .hasMessageContaining("p: ").hasMessageContaining("not base64");
        Path file = home.resolve("short.key");
        Files.writeString(file, "AAECAw==\n");
        assertThatThrownBy(() -> SecretSeal.of("", "p", file)).hasMessageContaining(file.toString())
                .hasMessageContaining("not 4");
        Path dirInTheWay = home.resolve("blocked");
        Files.writeString(dirInTheWay, "a file where the key directory should be");
        assertThatThrownBy(() -> SecretSeal.of("", "p", dirInTheWay.resolve("k.key")))
                .hasMessageContaining("cannot read or create the key file");
        assertThatThrownBy(() -> SecretSeal.ofKey(new byte[16])).hasMessageContaining("32 bytes, not 16");
    }
}
