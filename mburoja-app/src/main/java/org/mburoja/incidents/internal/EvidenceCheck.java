package org.mburoja.incidents.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Checks that an evidence file is what it claims to be: the declared content type must be one we accept, and the
 * first bytes must match it (a "PDF" that starts with {@code MZ} is refused). Executables are refused under any
 * name, since evidence is opened by analysts. Cost: looks at the first bytes only, plus one UTF-8 decode for text.
 */
final class EvidenceCheck {

    static final Set<String> ACCEPTED = Set.of("application/pdf", "image/png", "image/jpeg", "text/plain", "text/csv",
            "application/json", "application/zip", "application/vnd.tcpdump.pcap", "application/octet-stream",
            "message/rfc822");

    private EvidenceCheck() {
    }

    /** Null when acceptable, else the reason. */
    static String problem(String declared, byte[] data) {
        if (declared == null) {
            return "content type missing";
        }
        String type = declared.toLowerCase(Locale.ROOT).split(";")[0].strip();
        if (!ACCEPTED.contains(type)) {
            return "content type " + FieldCheck.abbreviate(type) + " not accepted; one of " + ACCEPTED;
        }
        if (starts(data, 'M', 'Z') || starts(data, 0x7f, 'E', 'L', 'F')) {
            return "executable files are not accepted as evidence (pack them in a password-protected zip)";
        }
        boolean matches = switch (type) {
            case "application/pdf" -> starts(data, '%', 'P', 'D', 'F', '-');
            case "image/png" -> starts(data, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
            case "image/jpeg" -> starts(data, 0xff, 0xd8, 0xff);
            case "application/zip" -> starts(data, 'P', 'K', 3, 4) || starts(data, 'P', 'K', 5, 6);
            case "application/vnd.tcpdump.pcap" -> starts(data, 0xd4, 0xc3, 0xb2, 0xa1) || starts(data, 0xa1, 0xb2, 0xc3, 0xd4)
                    || starts(data, 0x0a, 0x0d, 0x0d, 0x0a);
            case "text/plain", "text/csv", "application/json", "message/rfc822" -> utf8Text(data);
            default -> true;
        };
        return matches ? null : "content does not look like " + type;
    }

    private static boolean starts(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean utf8Text(byte[] data) {
        for (byte b : data) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
