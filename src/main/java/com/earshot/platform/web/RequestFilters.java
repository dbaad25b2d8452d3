package com.earshot.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * What every request passes first: a database outage answered with the branded page even before a
 * controller (reading the HTTP session), text PostgreSQL cannot store removed, the session read
 * once per request, and /error opened directly answered 404.
 */
@Configuration(proxyBeanMethods = false)
class RequestFilters {

  @Bean
  FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(
      ObjectProvider<ThymeleafViewResolver> views) {
    FilterRegistrationBean<DatabaseOutageFilter> registration =
        new FilterRegistrationBean<>(new DatabaseOutageFilter(views));
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 2);
    registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
    return registration;
  }

  /** Spring Session's filter reads the session cookie Boot configured once per pass. */
  @Bean
  static BeanPostProcessor sessionIdReadOnce(ObjectProvider<CookieSerializer> cookieSerializer) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof SessionRepositoryFilter<?> filter) {
          CookieHttpSessionIdResolver cookies = new CookieHttpSessionIdResolver();
          cookies.setCookieSerializer(cookieSerializer.getObject());
          filter.setHttpSessionIdResolver(new SessionIdReadOnce(cookies));
        }
        return bean;
      }
    };
  }

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
