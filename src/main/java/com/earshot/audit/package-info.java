/** The append-only log of admin actions and security events. */
@ApplicationModule(allowedDependencies = "platform")
package com.earshot.audit;

import org.springframework.modulith.ApplicationModule;
