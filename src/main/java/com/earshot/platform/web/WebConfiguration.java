package com.earshot.platform.web;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Scheduled clean-ups (expired sign-in tokens and the like) run in every instance; a database
 * outage is answered with the branded page even before a controller (reading the HTTP session), and
 * the session is read once per request.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration {

  @Bean
  FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(
      ObjectProvider<ThymeleafViewResolver> views) {
    FilterRegistrationBean<DatabaseOutageFilter> registration =
        new FilterRegistrationBean<>(new DatabaseOutageFilter(views));
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
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
}
