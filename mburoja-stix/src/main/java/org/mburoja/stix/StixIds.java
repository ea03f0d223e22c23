package org.mburoja.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Identifier generation: random UUIDv4 for new objects, name-based UUIDv5 for deterministic ones. */
public final class StixIds {

    private StixIds() {
    }

    /** {@code type--<random v4>}. */
    public static String random(String type) {
        return type + "--" + UUID.randomUUID();
    }

    /**
     * {@code type--<UUIDv5(namespace, name)>} (RFC 4122 section 4.3, SHA-1). STIX SCO ids use namespace
     * {@link StixIdentifier#SCO_NAMESPACE} and the canonical JSON of the id-contributing properties as name.
     */
    public static String v5(String type, String namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            UUID ns = UUID.fromString(namespace);
            sha1.update(ByteBuffer.allocate(16).putLong(ns.getMostSignificantBits())
                    .putLong(ns.getLeastSignificantBits()).array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) (h[6] & 0x0f | 0x50);
            h[8] = (byte) (h[8] & 0x3f | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return type + "--" + new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
