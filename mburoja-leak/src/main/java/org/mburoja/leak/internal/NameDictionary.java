package org.mburoja.leak.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Albanian first names and surnames (resource files {@code first-names.txt} and {@code surnames.txt}), held as folded
 * 64-bit hashes so a capitalised word of a paste is looked up without building a string. A name in prose counts only
 * as a first name followed by a surname; one dictionary word alone is too weak a signal.
 */
public final class NameDictionary {

    private static final NameDictionary DEFAULT = new NameDictionary(load("first-names.txt"), load("surnames.txt"));

    private final LongHashSet first;
    private final LongHashSet last;

    NameDictionary(LongHashSet first, LongHashSet last) {
        this.first = first;
        this.last = last;
    }

    public static NameDictionary standard() {
        return DEFAULT;
    }

    public boolean isFirstName(long foldedHash) {
        return first.contains(foldedHash);
    }

    public boolean isSurname(long foldedHash) {
        return last.contains(foldedHash);
    }

    public int firstNames() {
        return first.size();
    }

    private static LongHashSet load(String resource) {
        LongHashSet set = new LongHashSet();
        try (InputStream in = NameDictionary.class.getResourceAsStream("/org/mburoja/leak/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("name dictionary missing from the classpath: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    set.add(TextFold.hash(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return set;
    }
}
