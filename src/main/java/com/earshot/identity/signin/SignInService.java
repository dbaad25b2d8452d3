package com.earshot.identity.signin;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.identity.Emails;
import com.earshot.identity.IdentityProperties;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Issues sign-in links: validated, limited, audited, then mailed. */
@Service
class SignInService {

  private final SignInTokens tokens;
  private final RateLimiter limiter;
  private final SignInLinkMailer mailer;
  private final AuditLog audit;
  private final IdentityProperties properties;
  private final TransactionTemplate transaction;

  SignInService(
      SignInTokens tokens,
      RateLimiter limiter,
      SignInLinkMailer mailer,
      AuditLog audit,
      IdentityProperties properties,
      TransactionTemplate transaction) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.mailer = mailer;
    this.audit = audit;
    this.properties = properties;
    this.transaction = transaction;
  }

  /**
   * Sends a sign-in link to {@code input} unless it is not an email, its domain may not sign in, or
   * too many links were asked for. Known and unknown addresses are treated alike: users are created
   * when they first redeem a link.
   */
  LinkRequest requestLink(String input, String clientAddress) {
    String email = Emails.normalize(input).orElse(null);
    if (email == null) {
      return new LinkRequest.Invalid(input);
    }
    if (!properties.admits(email)) {
      return new LinkRequest.DomainRefused(email, properties.allowedDomains());
    }
    OneTimeToken token =
        transaction.execute(
            status -> {
              boolean allowed =
                  limiter.tryAcquire(
                          "email:" + email, properties.linksPerEmail(), properties.rateWindow())
                      && limiter.tryAcquire(
                          "address:" + clientAddress,
                          properties.linksPerAddress(),
                          properties.rateWindow());
              if (!allowed) {
                status.setRollbackOnly();
                return null;
              }
              audit.record(AuditEntry.of("sign_in.link_requested").details(Map.of("email", email)));
              return tokens.generate(
                  new GenerateOneTimeTokenRequest(email, properties.linkValidity()));
            });
    if (token == null) {
      return new LinkRequest.Limited(email, properties.rateWindow().toMinutes());
    }
    mailer.send(email, token.getTokenValue());
    return new LinkRequest.Sent(email);
  }

  /** Expired tokens and old rate-limit hits, every ten minutes. */
  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void deleteExpired() {
    tokens.deleteExpired();
    limiter.deleteOlderThan(properties.rateWindow().multipliedBy(2));
  }
}
