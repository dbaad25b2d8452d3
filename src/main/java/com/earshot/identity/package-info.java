/** Users, sign-in by email link, roles. */
@ApplicationModule
package com.earshot.identity;

import org.springframework.modulith.ApplicationModule;
