package org.mburoja.stix.misp;

import java.util.List;
import org.mburoja.stix.StixObject;

/**
 * The STIX objects made from MISP content, and what could not be mapped (with the attribute or object uuid and why);
 * nothing unmapped is dropped silently.
 */
public record MispImport(List<StixObject> objects, List<String> problems) {

    public MispImport {
        objects = List.copyOf(objects);
        problems = List.copyOf(problems);
    }
}
