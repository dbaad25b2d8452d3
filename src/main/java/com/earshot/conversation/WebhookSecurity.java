package com.earshot.conversation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The webhook's own filter chain, before the app's: ElevenLabs signs its deliveries and has neither
 * a session nor a CSRF token, so this one path is open, stateless and CSRF-exempt; the signature is
 * checked by {@link WebhookController}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class WebhookSecurity {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain elevenLabsWebhookChain(HttpSecurity http) throws Exception {
    return http.securityMatcher(WebhookController.PATH)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .securityContext(context -> context.disable())
        .build();
  }
}
