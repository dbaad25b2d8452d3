package com.earshot.support;

import java.util.Map;
import java.util.WeakHashMap;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Gives the CSRF filter the app's own token repository (tokens in a cookie) back after each test.
 * spring-security-test's {@code csrf()} swaps it, in the filter every test of a context shares and
 * for good, for one that keeps tokens in the HTTP session: a later test over real HTTP would meet
 * sessions that production never creates for a visitor.
 */
public class ProductionCsrfTokens implements TestExecutionListener {

  private static final Map<ApplicationContext, CsrfTokenRepository> APP_REPOSITORIES =
      new WeakHashMap<>();

  private static final String FIELD = "tokenRepository";

  @Override
  public void beforeTestMethod(TestContext test) {
    ApplicationContext context = test.getApplicationContext();
    synchronized (APP_REPOSITORIES) {
      // The first test of a context has not run yet: what the filter holds is the app's own.
      APP_REPOSITORIES.computeIfAbsent(
          context, c -> (CsrfTokenRepository) ReflectionTestUtils.getField(filter(c), FIELD));
    }
  }

  @Override
  public void afterTestMethod(TestContext test) {
    ApplicationContext context = test.getApplicationContext();
    CsrfTokenRepository own;
    synchronized (APP_REPOSITORIES) {
      own = APP_REPOSITORIES.get(context);
    }
    if (own != null) {
      ReflectionTestUtils.setField(filter(context), FIELD, own);
    }
  }

  private static CsrfFilter filter(ApplicationContext context) {
    for (SecurityFilterChain chain : context.getBean(FilterChainProxy.class).getFilterChains()) {
      for (var filter : chain.getFilters()) {
        if (filter instanceof CsrfFilter csrf) {
          return csrf;
        }
      }
    }
    throw new IllegalStateException("The app has no CSRF filter");
  }
}
