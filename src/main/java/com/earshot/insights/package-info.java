/** Metrics, statistics and exports of a playground's evaluations. */
@ApplicationModule
package com.earshot.insights;

import org.springframework.modulith.ApplicationModule;
