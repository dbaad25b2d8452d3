/** Playgrounds, their models and embed codes, questions and access rules. */
@ApplicationModule
package com.earshot.playground;

import org.springframework.modulith.ApplicationModule;
