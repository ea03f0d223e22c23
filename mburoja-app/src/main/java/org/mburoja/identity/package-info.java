/** Users, organisations, roles, password and TOTP authentication, sessions and API tokens. */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access")
package org.mburoja.identity;
