/**
 * Shared value records (identifiers, roles, the acting principal) and {@link org.mburoja.kernel.SecretSeal}, the
 * one way modules seal the secrets they must keep readable; no Spring services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.mburoja.kernel;
