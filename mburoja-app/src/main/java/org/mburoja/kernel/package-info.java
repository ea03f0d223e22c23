/**
 * Shared value records (identifiers, roles, the acting principal), {@link org.mburoja.kernel.SecretSeal}, the one way
 * modules seal the secrets they must keep readable, and {@link org.mburoja.kernel.PdfText}, the text of every PDF the
 * platform writes; no Spring services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.mburoja.kernel;
