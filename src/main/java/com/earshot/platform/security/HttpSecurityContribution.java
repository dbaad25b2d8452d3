package com.earshot.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** A module's part of the filter chain (the identity module's sign-in, for one). */
public interface HttpSecurityContribution {

  void contribute(HttpSecurity http) throws Exception;
}
