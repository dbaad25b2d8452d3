package com.earshot.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session 24 hours after sign-in, however active it was (the idle timeout of 2
 * hours is the session store's own).
 */
class AbsoluteSessionTimeoutFilter extends OncePerRequestFilter {

  static final String SIGNED_IN_AT = "earshot.signedInAt";
  static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(24);

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (session != null && authentication != null && authentication.isAuthenticated()) {
      Object signedInAt = session.getAttribute(SIGNED_IN_AT);
      if (signedInAt == null) {
        session.setAttribute(SIGNED_IN_AT, Instant.now());
      } else if (Instant.now().isAfter(((Instant) signedInAt).plus(ABSOLUTE_TIMEOUT))) {
        session.invalidate();
        SecurityContextHolder.clearContext();
        response.sendRedirect(request.getContextPath() + "/login?expired");
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
