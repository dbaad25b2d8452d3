/** Users, sign-in by email link, roles. */
@ApplicationModule(allowedDependencies = {"audit", "platform"})
package com.earshot.identity;

import org.springframework.modulith.ApplicationModule;
