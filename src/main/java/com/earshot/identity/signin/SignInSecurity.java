package com.earshot.identity.signin;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.identity.IdentityProperties;
import com.earshot.identity.users.UserService;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.security.HttpSecurityContribution;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;

/**
 * Sign-in for the filter chain: Spring Security's one-time-token login redeems the emailed links
 * (POST /login/ott; our own page confirms first, so mail scanners that open links consume nothing),
 * OpenID Connect when an issuer is configured, and sign-out (audited).
 */
@Component
class SignInSecurity implements HttpSecurityContribution {

  private final SignInTokens tokens;
  private final SignInAuthenticationProvider provider;
  private final AuditLog audit;
  private final ObjectProvider<ClientRegistrationRepository> oidcClients;
  private final OidcSignIn oidcSignIn;

  SignInSecurity(
      SignInTokens tokens,
      SignInService signIn,
      UserService users,
      IdentityProperties properties,
      AuditLog audit,
      ObjectProvider<ClientRegistrationRepository> oidcClients,
      OidcSignIn oidcSignIn) {
    this.tokens = tokens;
    this.provider = new SignInAuthenticationProvider(signIn, users, properties);
    this.audit = audit;
    this.oidcClients = oidcClients;
    this.oidcSignIn = oidcSignIn;
  }

  @Override
  public void contribute(HttpSecurity http) throws Exception {
    AuthenticationSuccessHandler landing =
        landOnReturnPath(http.getSharedObject(RequestCache.class));
    http.oneTimeTokenLogin(
            ott ->
                ott.tokenService(tokens)
                    .authenticationProvider(provider)
                    .loginPage("/login")
                    .loginProcessingUrl("/login/ott")
                    .showDefaultSubmitPage(false)
                    // Links are issued by SignInController (validation, rate limits, audit,
                    // mail); this filter's own generation endpoint is switched off.
                    .tokenGeneratingUrl("/login/ott/generate")
                    .generateRequestResolver(request -> null)
                    .tokenGenerationSuccessHandler(
                        (request, response, token) -> response.sendError(404))
                    .authenticationSuccessHandler(landing)
                    .authenticationFailureHandler(this::refused))
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .logoutSuccessUrl("/login?signedOut")
                    .addLogoutHandler(this::signedOut))
        // Signing out of a session that has already ended (idle timeout, or a role change ended
        // it) needs no CSRF token, as there is nothing left to sign out of: the person is told
        // they are signed out, not that a form expired.
        .csrf(csrf -> csrf.ignoringRequestMatchers(SignInSecurity::isSignOutWithoutSession));
    if (oidcClients.getIfAvailable() != null) {
      http.oauth2Login(
          oauth ->
              oauth
                  .loginPage("/login")
                  .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcSignIn))
                  .failureUrl("/login?oidcFailed"));
    }
  }

  /**
   * After a link signed in: the {@link ReturnPath} the link carried (the page asked for, in
   * whichever browser), else the page this browser asked for before sign-in, else home.
   */
  private static AuthenticationSuccessHandler landOnReturnPath(RequestCache pageBeforeSignIn) {
    SavedRequestAwareAuthenticationSuccessHandler saved =
        new SavedRequestAwareAuthenticationSuccessHandler();
    if (pageBeforeSignIn != null) {
      saved.setRequestCache(pageBeforeSignIn);
    }
    return (request, response, authentication) -> {
      var returnPath = ReturnPath.of(request.getParameter("next"));
      if (returnPath.isEmpty()) {
        saved.onAuthenticationSuccess(request, response, authentication);
        return;
      }
      if (pageBeforeSignIn != null) {
        pageBeforeSignIn.removeRequest(request, response);
      }
      response.sendRedirect(request.getContextPath() + returnPath.get());
    };
  }

  /**
   * A link that did not sign in: audited, and back to the sign-in page. A try refused by the limit
   * per address is audited coalesced (a flood of guesses costs a row a minute) and answered 429,
   * with the sign-in page (forwarded to) saying so.
   */
  private void refused(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException, ServletException {
    if (exception instanceof RedemptionLimitedException limited) {
      audit.recordRefusal(AuditEntry.of("sign_in.redemption_rate_limited"));
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(limited.retryAfterMinutes() * 60));
      request.setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, limited);
      request.getRequestDispatcher(SignInController.REDEMPTION_LIMITED).forward(request, response);
      return;
    }
    audit.recordAlone(
        AuditEntry.of("sign_in.failed").details(Map.of("reason", exception.getMessage())));
    response.sendRedirect(request.getContextPath() + "/login?invalid");
  }

  /** Signing out of a session that has ended already signs nobody out: nothing to audit. */
  private void signedOut(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
    if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
      audit.recordAlone(AuditEntry.of("sign_in.signed_out").on("user", user.id()));
    }
  }

  private static boolean isSignOutWithoutSession(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && request.getRequestURI().equals(request.getContextPath() + "/logout")
        && request.getSession(false) == null;
  }
}
