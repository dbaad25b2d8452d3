package com.earshot.platform.web;

import com.earshot.platform.security.ContentSecurityPolicy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * The branded "try again" page (503) when the database fails a request before any controller runs.
 * The first thing a signed-in request does is read its HTTP session, in Spring Session's filter, so
 * that is where an outage shows first; this filter sits in front of it. Failures inside a
 * controller are {@link DatabaseTroubleAdvice}'s, with the page's navigation.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

  private final ObjectProvider<ThymeleafViewResolver> views;

  DatabaseOutageFilter(ObjectProvider<ThymeleafViewResolver> views) {
    this.views = views;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!DatabaseTroublePage.isCause(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("Database unavailable before the page: {}", e.getMessage());
      // Whatever the failed request had begun to answer (a session cookie, say) is dropped.
      response.reset();
      Map<String, Object> model = DatabaseTroublePage.answer(request, response, e, false);
      // Spring Security's headers were not written for this answer: the essentials.
      response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.base());
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "no-store");
      try {
        View page =
            views.getObject().resolveViewName(DatabaseTroublePage.VIEW, request.getLocale());
        page.render(model, request, response);
      } catch (Exception rendering) {
        e.addSuppressed(rendering);
        throw e;
      }
    }
  }

  /** An error page of its own may read the session again (and fail the same way). */
  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }
}
