package com.earshot.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the SQL statements the application issues through its {@link JdbcClient} on the current
 * thread (a MockMvc request runs on the test's), so that a test can hold a page to a fixed number
 * of statements. Import it into a test's context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

  private static final ThreadLocal<int[]> COUNTING = new ThreadLocal<>();

  /** Runs {@code work} and says how many statements it issued on this thread. */
  public static int count(Runnable work) {
    int[] statements = {0};
    COUNTING.set(statements);
    try {
      work.run();
    } finally {
      COUNTING.remove();
    }
    return statements[0];
  }

  @Bean
  static BeanPostProcessor countingJdbcClient() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (!(bean instanceof JdbcClient jdbc)) {
          return bean;
        }
        return Proxy.newProxyInstance(
            JdbcClient.class.getClassLoader(),
            new Class<?>[] {JdbcClient.class},
            (proxy, method, args) -> {
              int[] statements = COUNTING.get();
              if (statements != null && method.getName().equals("sql")) {
                statements[0]++;
              }
              try {
                return method.invoke(jdbc, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
      }
    };
  }
}
