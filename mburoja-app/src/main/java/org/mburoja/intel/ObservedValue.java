package org.mburoja.intel;

/**
 * One value of an event (or a value on its own) to look up in the live indicator index.
 *
 * @param event the event's position in the request (0-based), or -1 for a value given on its own
 * @param field where in the event: a dotted path such as {@code winlog.event_data.DestinationIp}, or {@code value}
 */
public record ObservedValue(int event, String field, String value) {
}
