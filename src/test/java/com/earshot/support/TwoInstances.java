package com.earshot.support;

import com.earshot.EarshotApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Earshot instances on the tests' database and mail server, each with its own connection pool
 * and its own Tomcat on a free port: what two app servers behind one load balancer share is only
 * PostgreSQL.
 */
public record TwoInstances(
    ConfigurableApplicationContext first, ConfigurableApplicationContext second)
    implements AutoCloseable {

  public static TwoInstances start() {
    return start(Map.of());
  }

  /** Two instances with these settings besides the tests' database and mail server. */
  public static TwoInstances start(Map<String, Object> settings) {
    ConfigurableApplicationContext first = startOne(settings);
    try {
      return new TwoInstances(first, startOne(settings));
    } catch (RuntimeException e) {
      first.close();
      throw e;
    }
  }

  private static ConfigurableApplicationContext startOne(Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
    properties.putAll(MailInbox.properties());
    properties.putAll(settings);
    properties.put("server.port", 0);
    properties.put("spring.main.banner-mode", "off");
    return new SpringApplicationBuilder(EarshotApplication.class).properties(properties).run();
  }

  /** The instance's own address, e.g. {@code http://127.0.0.1:41234}. */
  public static String base(ConfigurableApplicationContext instance) {
    int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    second.close();
    first.close();
  }
}
