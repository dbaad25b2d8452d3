package com.earshot.platform.security;

/**
 * A signed-in user asked for something their role does not allow, or for something that is not
 * there for them (a route naming a playground or session answered 404).
 */
public record AccessDeniedEvent(String method, String path) {}
