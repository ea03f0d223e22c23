/**
 * Leak scans and breach records: dumps uploaded (streamed) or pointed at on the server are scanned in the background
 * by the {@code mburoja-leak} engine; results are stored, the dump itself only AES-GCM encrypted or not at all; a
 * breach record carries the 72-hour clock to the data-protection authority and the decision to notify data
 * subjects. Only analysts and administrators of the national authority may use it, and every use is audited.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Leaks and breaches")
package org.mburoja.leaks;
