package com.earshot.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * What every request passes first, and the scheduled clean-ups (expired sign-in tokens and the
 * like) that run in every instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration {

  /** Right before Spring Session's filter, which reads the session cookie. */
  @Bean
  FilterRegistrationBean<StorableTextFilter> storableText() {
    FilterRegistrationBean<StorableTextFilter> registration =
        new FilterRegistrationBean<>(new StorableTextFilter());
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
    registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
    return registration;
  }

  /**
   * /error shows what went wrong with another request; opened directly it names nothing, so 404
   * (Spring Boot would answer 500 for want of an error).
   */
  @Bean
  FilterRegistrationBean<Filter> errorPathOpenedDirectly() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(
            (request, response, chain) ->
                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND));
    registration.addUrlPatterns("/error");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    return registration;
  }
}
