package org.mburoja.leak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mburoja.leak.ColumnRole;

/**
 * The JSON reader's cache of key roles against {@link ColumnRole#of}: seeded sequences of keys drawn from a pool
 * larger than the cache (so slots are evicted and reused), with vocabulary names in other spellings (case,
 * diacritics, separators), near misses of the same length and the same first, middle and last bytes, empty keys,
 * keys longer than the cached length, in UTF-8 and in Windows-1250, at varying offsets of a larger buffer.
 */
class JsonKeyRoleCacheTest {

    private static final String[] NAMES = {"emri", "Emri", "EMRI", "mbiemri", "mbiemër", "first_name", "last_name",
            "numri_personal", "numri personal", "personal_no", "nr. personal", "celulari", "mobile", "email", "e-mail",
            "adresa", "iban", "IBAN", "nipt", "employer_nipt", "salary_all", "paga", "datëlindja", "Datëlindja",
            "political_pref", "preferenca", "targa", "checksum", "ref_no", "meta", "person", "contact", "work",
            "other", "qyteti", "punëdhënësi", "password", "fjalëkalimi", "x", "", "emra", "emrj", "Emrx"};

    static LongStream seeds() {
        return LongStream.range(0, 30);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void cachedRolesAreTheRolesOfTheKeys(long seed) {
        Random rnd = new Random(seed);
        Charset cs = seed % 3 == 0 ? Charset.forName("windows-1250") : StandardCharsets.UTF_8;
        FileTally tally = new FileTally("t.jsonl", null, NameDictionary.standard(), 2026, 20261204);
        tally.encoding(cs);
        JsonReader reader = new JsonReader(tally, new Diagnostics());
        List<byte[]> pool = new ArrayList<>();
        for (String n : NAMES) {
            pool.add(n.getBytes(cs));
        }
        int extra = 40 + rnd.nextInt(200);
        for (int k = 0; k < extra; k++) {
            byte[] base = pool.get(rnd.nextInt(NAMES.length)).clone();
            if (base.length > 2) {
                base[1 + rnd.nextInt(base.length - 2)] ^= (byte) (1 + rnd.nextInt(3));
            }
            pool.add(rnd.nextInt(10) == 0 ? ("k" + "y".repeat(30 + rnd.nextInt(10)) + k).getBytes(cs) : base);
        }
        for (int t = 0; t < 5000; t++) {
            byte[] key = pool.get(rnd.nextInt(rnd.nextBoolean() ? NAMES.length : pool.size()));
            int off = rnd.nextInt(8);
            byte[] buf = new byte[off + key.length + rnd.nextInt(8)];
            rnd.nextBytes(buf);
            System.arraycopy(key, 0, buf, off, key.length);
            assertThat(reader.keyRole(buf, off, off + key.length)).as(new String(key, cs))
                    .isEqualTo(ColumnRole.of(buf, off, off + key.length, tally.utf8()));
        }
    }
}
