/** Playgrounds, their models and embed codes, questions and access rules. */
@ApplicationModule(allowedDependencies = {"audit", "identity", "platform"})
package com.earshot.playground;

import org.springframework.modulith.ApplicationModule;
