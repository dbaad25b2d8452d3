/** The append-only log of admin actions and security events. */
@ApplicationModule
package com.earshot.audit;

import org.springframework.modulith.ApplicationModule;
