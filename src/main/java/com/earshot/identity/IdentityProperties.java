package com.earshot.identity;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may sign in, and how.
 *
 * @param adminEmails who becomes an admin at first sign-in ({@code EARSHOT_ADMIN_EMAILS})
 * @param allowedEmailDomains if set, only these domains may sign in ({@code
 *     EARSHOT_ALLOWED_EMAIL_DOMAINS})
 * @param baseUrl the public address that links in emails point at ({@code EARSHOT_BASE_URL});
 *     required with a mail server, see {@code SignInLinkMailer}
 * @param mailFrom the sender of sign-in emails
 * @param linkValidity how long a sign-in link works
 * @param linksPerEmail link requests allowed per email address in {@code rateWindow}
 * @param linksPerAddress link requests allowed per client IP address in {@code rateWindow}
 * @param failedRedemptionsPerAddress tries to redeem a link that fail (unknown or expired token),
 *     allowed per client IP address in {@code rateWindow}: more than a person makes, far fewer than
 *     guessing a token takes
 */
@ConfigurationProperties("earshot.sign-in")
public record IdentityProperties(
    @DefaultValue List<String> adminEmails,
    @DefaultValue List<String> allowedEmailDomains,
    String baseUrl,
    @DefaultValue("Earshot <no-reply@earshot.invalid>") String mailFrom,
    @DefaultValue("10m") Duration linkValidity,
    @DefaultValue("5") int linksPerEmail,
    @DefaultValue("30") int linksPerAddress,
    @DefaultValue("20") int failedRedemptionsPerAddress,
    @DefaultValue("15m") Duration rateWindow) {

  public IdentityProperties {
    adminEmails = clean(adminEmails);
    allowedEmailDomains =
        clean(allowedEmailDomains).stream().map(domain -> domain.replaceFirst("^@", "")).toList();
    if (baseUrl != null && baseUrl.isBlank()) {
      baseUrl = null;
    }
    if (baseUrl != null && baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
  }

  private static List<String> clean(List<String> values) {
    return values.stream()
        .map(value -> value.trim().toLowerCase())
        .filter(value -> !value.isEmpty())
        .distinct()
        .toList();
  }

  public boolean isAdminEmail(String email) {
    return adminEmails.contains(email);
  }

  /** Whether an email (normalized) may sign in at all. */
  public boolean admits(String email) {
    return allowedEmailDomains.isEmpty() || allowedEmailDomains.contains(Emails.domainOf(email));
  }

  public Set<String> allowedDomains() {
    return allowedEmailDomains.stream().collect(Collectors.toUnmodifiableSet());
  }
}
