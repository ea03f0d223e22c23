package org.mburoja.leaks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.SecretKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DumpVaultTest {

    private final SecretKey key = DumpVault.ephemeralKey();

    private byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DumpVault.encrypt(key, new ByteArrayInputStream(plain), out);
        return out.toByteArray();
    }

    private byte[] decrypt(SecretKey k, byte[] cipher) throws IOException {
        return DumpVault.decrypt(k, new ByteArrayInputStream(cipher)).readAllBytes();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, DumpVault.CHUNK - 1, DumpVault.CHUNK, DumpVault.CHUNK + 1, 3 * DumpVault.CHUNK + 17})
    void roundTripsAcrossChunkBoundaries(int size) throws IOException {
        byte[] plain = new byte[size];
        new Random(size).nextBytes(plain);
        byte[] cipher = encrypt(plain);
        assertThat(decrypt(key, cipher)).isEqualTo(plain);
    }

    @Test
    void hidesThePlaintext() throws IOException {
        byte[] plain = "Arben,Hoxha,J00101999W\n".repeat(1000).getBytes();
        assertThat(new String(encrypt(plain), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("J00101999W");
    }

    @Test
    void detectsAnAlteredByte() throws IOException {
        byte[] cipher = encrypt(new byte[5000]);
        cipher[cipher.length - 40] ^= 1;
        assertThatThrownBy(() -> decrypt(key, cipher)).isInstanceOf(IOException.class)
                .hasMessageContaining("authentication");
    }

    @Test
    void detectsATruncatedDumpEvenAtAChunkBoundary() throws IOException {
        byte[] cipher = encrypt(new byte[2 * DumpVault.CHUNK + 10]);
        int firstChunk = 5 + 12 + 5 + DumpVault.CHUNK + 16;
        byte[] cut = Arrays.copyOf(cipher, firstChunk);
        assertThatThrownBy(() -> decrypt(key, cut)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void refusesTheWrongKeyAndAForeignFile() throws IOException {
        byte[] cipher = encrypt(new byte[100]);
        assertThatThrownBy(() -> decrypt(DumpVault.ephemeralKey(), cipher)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> decrypt(key, "plain text".getBytes())).isInstanceOf(IOException.class)
                .hasMessageContaining("not an encrypted");
    }

    @Test
    void rejectsAKeyOfTheWrongLength() {
        assertThatThrownBy(() -> DumpVault.key(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
