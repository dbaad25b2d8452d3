/** Assignment of models to testers, evaluation sessions, submission and the per-model counters. */
@ApplicationModule(allowedDependencies = {"invitation", "platform", "playground"})
package com.earshot.evaluation;

import org.springframework.modulith.ApplicationModule;
