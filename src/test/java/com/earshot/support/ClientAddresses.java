package com.earshot.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Client IP addresses no other test uses. Sign-in link requests are rate-limited per client address
 * in the shared database, so a test that asks for links from the default 127.0.0.1 would eat into
 * every other test's allowance; each test asks from an address of its own instead.
 */
public final class ClientAddresses {

  private static final int BASE = ThreadLocalRandom.current().nextInt(1, 200);
  private static final AtomicInteger NEXT = new AtomicInteger();

  private ClientAddresses() {}

  /** A fresh address in 10.0.0.0/8, different from every earlier one in this JVM. */
  public static String unique() {
    int n = NEXT.incrementAndGet();
    return "10.%d.%d.%d".formatted(BASE, (n / 250) % 250, n % 250 + 1);
  }

  /** A MockMvc request coming from {@code address}. */
  public static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }
}
