package org.mburoja.stix.misp;

import java.util.Locale;
import java.util.Optional;
import org.mburoja.stix.marking.Tlp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MISP galaxy clusters to STIX objects by galaxy type: threat actors, malware (mitre-malware, malpedia, ransomware,
 * rat, exploit-kit), tools, attack patterns (mitre-attack-pattern and other matrices), intrusion sets; clusters of
 * any other galaxy become intrusion sets only when they say so, else attack patterns of their matrix. Synonyms
 * become aliases; refs become external references.
 */
final class MispGalaxies {

    private MispGalaxies() {
    }

    static Optional<String> map(JsonNode c, MispObjects.Factory factory, Optional<Tlp> tlp, String created) {
        String galaxy = c.path("x_galaxy_type").asString("").toLowerCase(Locale.ROOT);
        String value = c.path("value").asString("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String type;
        if (galaxy.contains("threat-actor")) {
            type = "threat-actor";
        } else if (galaxy.contains("intrusion-set")) {
            type = "intrusion-set";
        } else if (galaxy.contains("tool")) {
            type = "tool";
        } else if (galaxy.contains("malware") || galaxy.contains("malpedia") || galaxy.contains("ransomware")
                || galaxy.contains("rat") || galaxy.contains("exploit-kit") || galaxy.contains("botnet")) {
            type = "malware";
        } else {
            type = "attack-pattern";
        }
        String uuid = MispImporter.uuidOf(c.path("uuid").asString(""), galaxy + ":" + value);
        ObjectNode o = factory.create(type, uuid, tlp);
        o.put("name", value);
        if (type.equals("malware")) {
            o.put("is_family", true);
        }
        if (!c.path("description").asString("").isEmpty()) {
            o.put("description", c.get("description").asString());
        }
        JsonNode synonyms = c.path("meta").path("synonyms");
        if (synonyms.isArray() && !synonyms.isEmpty() && !type.equals("attack-pattern")) {
            ArrayNode a = o.putArray("aliases");
            synonyms.forEach(s -> a.add(s.asString("")));
        }
        JsonNode refs = c.path("meta").path("refs");
        if (refs.isArray() && !refs.isEmpty()) {
            ArrayNode a = o.putArray("external_references");
            refs.forEach(r -> a.addObject().put("source_name", "misp-galaxy").put("url", r.asString("")));
        }
        o.put("x_misp_galaxy_type", galaxy);
        return Optional.of(o.get("id").asString());
    }
}
