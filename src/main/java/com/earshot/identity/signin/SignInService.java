package com.earshot.identity.signin;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.identity.Emails;
import com.earshot.identity.IdentityProperties;
import com.earshot.platform.RateLimiter;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Issues sign-in links (validated, limited, audited, then mailed), and redeems them, limited. */
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
   * when they first redeem a link. The link lands on {@code returnPath} after sign-in (null: the
   * default page).
   */
  LinkRequest requestLink(String input, String clientAddress, String returnPath) {
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
      audit.recordRefusal(AuditEntry.of("sign_in.rate_limited").details(Map.of("email", email)));
      return new LinkRequest.Limited(email, properties.rateWindow().toMinutes());
    }
    mailer.send(email, token.getTokenValue(), returnPath);
    return new LinkRequest.Sent(email);
  }

  /**
   * Redeems a sign-in link's token: its owner, or null when it is unknown or expired (used up
   * either way). Tries that fail are counted per client address, and past the limit no token is
   * looked at, so guessing tokens gets nowhere; sign-ins that work never count, however many people
   * share an address. The count, the look and the hit are one transaction under the bucket's lock:
   * concurrent guesses cannot all slip under the limit.
   *
   * @throws RedemptionLimitedException when too many tries from {@code clientAddress} failed
   */
  OneTimeToken redeem(OneTimeTokenAuthenticationToken token, String clientAddress) {
    String bucket = "redeem:" + clientAddress;
    return transaction.execute(
        status -> {
          if (limiter.isFull(
              bucket, properties.failedRedemptionsPerAddress(), properties.rateWindow())) {
            throw new RedemptionLimitedException(properties.rateWindow().toMinutes());
          }
          OneTimeToken redeemed = tokens.consume(token);
          if (redeemed == null) {
            limiter.record(bucket);
          }
          return redeemed;
        });
  }

  /** Expired tokens and old rate-limit hits, every ten minutes. */
  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void deleteExpired() {
    tokens.deleteExpired();
    limiter.deleteOlderThan(properties.rateWindow().multipliedBy(2));
  }
}
