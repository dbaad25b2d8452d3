package com.earshot.platform.security;

/** A state-changing request came without the form's CSRF token, or with a wrong one. */
public record CsrfRejectedEvent(String method, String path) {}
