package com.earshot.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the scheduled clean-ups ({@code @Scheduled}: expired sign-in tokens and the like) in every
 * instance; each is a statement that any number of instances may run at once.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {}
