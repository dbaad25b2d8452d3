package com.earshot.platform.security;

/** A signed-in user asked for something their role does not allow. */
public record AccessDeniedEvent(String method, String path) {}
