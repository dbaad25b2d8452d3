package com.earshot.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduled clean-ups (expired sign-in tokens and the like) run in every instance. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration {}
