/** Metrics, statistics and exports of a playground's evaluations. */
@ApplicationModule(
    allowedDependencies = {"audit", "conversation", "evaluation", "platform", "playground"})
package com.earshot.insights;

import org.springframework.modulith.ApplicationModule;
