/** The append-only, hash-chained audit log of every change, login, MFA event and permission denial. */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.mburoja.audit;
