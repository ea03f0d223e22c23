package org.mburoja.sigma.internal.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of a YAML file (rules, log-source mappings, placeholders): strict UTF-8, or UTF-16 with its byte order
 * mark (YAML allows it, and Windows editors save "Unicode" so), also strict; a UTF-8 mark is left to the parser.
 */
public final class YamlText {

    private YamlText() {
    }

    /** The text of {@code bytes}; malformed UTF-8 or UTF-16 is an error, not replaced. */
    public static String decode(byte[] bytes) throws CharacterCodingException {
        if (bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE
                || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)) {
            return (bytes[0] == (byte) 0xFF ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE).newDecoder()
                    .decode(ByteBuffer.wrap(bytes, 2, bytes.length - 2)).toString();
        }
        for (byte b : bytes) {
            if (b < 0) {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1); // all ASCII: no decoder
    }

    /** The text of a file, or an {@link IOException} that names it and says why. */
    public static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return decode(bytes);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text (nor UTF-16 with a byte order mark)", e);
        }
    }
}
