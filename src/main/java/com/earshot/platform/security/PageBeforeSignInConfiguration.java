package com.earshot.platform.security;

import com.earshot.platform.Htmx;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Apart from {@link SecurityConfiguration}, which only a web application has: the sign-in
 * controller needs this bean in any context that starts (the database tests start one without a web
 * server).
 */
@Configuration(proxyBeanMethods = false)
class PageBeforeSignInConfiguration {

  /**
   * Where a signed-out visitor was going, kept in a cookie until they have signed in (not in a
   * session row). Only pages: an htmx request or a script's is no place to land after sign-in. A
   * bean, so that sign-in can carry it in the emailed link to another browser.
   */
  @Bean
  RequestCache pageBeforeSignIn() {
    CookieRequestCache cache = new CookieRequestCache();
    cache.setRequestMatcher(
        request ->
            "GET".equals(request.getMethod())
                && !Htmx.isRequest(request)
                && request.getHeader("X-Requested-With") == null);
    cache.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
    return cache;
  }
}
