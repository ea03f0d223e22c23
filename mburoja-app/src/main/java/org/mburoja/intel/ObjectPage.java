package org.mburoja.intel;

import java.util.List;

/**
 * One page of a read, after TLP enforcement.
 *
 * @param next     where the next page starts (null when {@code more} is false)
 * @param withheld how many objects in the scanned range the reader was not allowed to see (each audited)
 */
public record ObjectPage(List<StoredObject> objects, boolean more, ObjectQuery.PagePosition next, int withheld) {
}
