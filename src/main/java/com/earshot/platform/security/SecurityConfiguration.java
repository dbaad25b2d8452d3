package com.earshot.platform.security;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * The one filter chain: who may open what, CSRF on every state-changing request, the security
 * headers, and what a refused request sees. Sign-in itself is contributed by the identity module as
 * a {@link HttpSecurityContribution}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      List<HttpSecurityContribution> contributions,
      RequestCache pageBeforeSignIn,
      ApplicationEventPublisher events)
      throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/login",
                        "/login/**",
                        "/webjars/**",
                        "/css/**",
                        "/js/**",
                        "/images/**",
                        "/favicon.ico",
                        "/error",
                        "/actuator/health",
                        "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/admin/**", "/manage/**")
                    .hasRole("ADMIN")
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new RefusalHandler(events)))
        .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()))
        .requestCache(cache -> cache.requestCache(pageBeforeSignIn))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(ContentSecurityPolicy.base()))
                    .frameOptions(frame -> frame.deny())
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                    .permissionsPolicyHeader(
                        permissions ->
                            permissions.policy(
                                "camera=(), geolocation=(), payment=(), microphone=(self)")))
        .addFilterAfter(new AbsoluteSessionTimeoutFilter(), SecurityContextHolderFilter.class);
    for (HttpSecurityContribution contribution : contributions) {
      contribution.contribute(http);
    }
    return http.build();
  }

  /**
   * CSRF tokens in a cookie, not in the HTTP session: a form for an anonymous visitor costs no
   * session row, and a token outlives a database restart. HttpOnly, as htmx reads the token from
   * the page's meta tags; the default request handler still masks it anew in every page (BREACH).
   */
  static CookieCsrfTokenRepository csrfTokens() {
    CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
    tokens.setCookieName("EARSHOT_CSRF");
    tokens.setHeaderName("X-CSRF-TOKEN");
    tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    return tokens;
  }
}
