package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UTF-16 reader of dumps gives exactly the UTF-8 of the text, whatever its reads and wherever a surrogate pair
 * falls against its 8,192-character chunks (a pair split between two chunks would become two '?'). The JDK's
 * decoder already keeps a pair within one read (15,613 reads over random texts and read sizes: none ended in a high
 * surrogate), so the reader's own guard for it is a second line; this pins the result, not the guard.
 */
class Utf16AsUtf8Test {

    private static final String[] PIECES = {"a", "ë", "Ç", "😀", "🇦🇱", "J00101999W", ";", "\r\n", "\n", " ", "€"};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void givesTheUtf8OfTheTextWhereverAPairFalls(long seed) throws IOException {
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            StringBuilder text = new StringBuilder();
            // ASCII up to just before a chunk boundary, then an emoji across it (or next to it), then anything
            int lead = 8_190 + rnd.nextInt(4) + (rnd.nextBoolean() ? 8_192 : 0);
            text.append("x".repeat(lead)).append("😀");
            int more = rnd.nextInt(20_000);
            while (text.length() < lead + 2 + more) {
                text.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
            for (Charset cs : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
                byte[] utf16 = text.toString().getBytes(cs);
                InputStream in = new DumpReading.Utf16AsUtf8(new InputStreamReader(
                        new TrickleStream(utf16, rnd.nextLong()), cs));
                assertThat(readAll(in, rnd)).as("seed %d round %d %s", seed, round, cs)
                        .isEqualTo(text.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] readAll(InputStream in, Random rnd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 + rnd.nextInt(70_000)];
        for (int n; (n = in.read(buf, 0, 1 + rnd.nextInt(buf.length))) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Gives its bytes in reads of random length, as a pipe or a decompressor does. */
    private static final class TrickleStream extends ByteArrayInputStream {
        private final Random rnd;

        TrickleStream(byte[] b, long seed) {
            super(b);
            this.rnd = new Random(seed);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + rnd.nextInt(20_000)));
        }
    }
}
