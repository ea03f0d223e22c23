/** Shared value records only (identifiers, roles, the acting principal); no services. */
@org.springframework.modulith.ApplicationModule(displayName = "Kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.mburoja.kernel;
