/**
 * What every feature module stands on: database wiring (embedded or external PostgreSQL, the
 * runtime role, the per-transaction row-level-security context), security configuration, the page
 * layout and error handling.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.earshot.platform;

import org.springframework.modulith.ApplicationModule;
