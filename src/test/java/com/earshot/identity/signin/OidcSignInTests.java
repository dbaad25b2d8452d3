package com.earshot.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * OpenID Connect sign-in appears when an issuer is configured, and only then. The two cases are
 * {@link Nested} classes: static ones would be left out of the build's test run.
 */
class OidcSignInTests {

  @Nested
  @EarshotTest
  @TestPropertySource(
      properties = {
        "spring.security.oauth2.client.registration.acme.client-id=earshot-test",
        "spring.security.oauth2.client.registration.acme.client-secret=not-a-secret",
        "spring.security.oauth2.client.registration.acme.client-name=Acme SSO",
        "spring.security.oauth2.client.registration.acme.scope=openid,email",
        "spring.security.oauth2.client.registration.acme.authorization-grant-type=authorization_code",
        "spring.security.oauth2.client.registration.acme.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
        "spring.security.oauth2.client.provider.acme.authorization-uri=https://sso.acme.test/authorize",
        "spring.security.oauth2.client.provider.acme.token-uri=https://sso.acme.test/token",
        "spring.security.oauth2.client.provider.acme.jwk-set-uri=https://sso.acme.test/jwks",
        "spring.security.oauth2.client.provider.acme.user-info-uri=https://sso.acme.test/userinfo",
        "spring.security.oauth2.client.provider.acme.user-name-attribute=email"
      })
  class Configured {

    @Autowired MockMvcTester mvc;

    @Test
    void shouldOfferTheIssuerOnTheSignInPage() {
      assertThat(mvc.get().uri("/login"))
          .hasStatusOk()
          .bodyText()
          .contains("Sign in with Acme SSO")
          .contains("/oauth2/authorization/acme");
    }

    @Test
    void shouldSendThePersonToTheIssuer() {
      var result = mvc.get().uri("/oauth2/authorization/acme").exchange();
      assertThat(result).hasStatus3xxRedirection();
      assertThat(result.getResponse().getHeader("Location"))
          .startsWith("https://sso.acme.test/authorize?")
          .contains("client_id=earshot-test")
          .contains("scope=openid%20email");
    }
  }

  @Nested
  @EarshotTest
  class NotConfigured {

    @Autowired MockMvcTester mvc;

    @Test
    void shouldLeaveNoTraceOfItInTheUi() {
      assertThat(mvc.get().uri("/login"))
          .hasStatusOk()
          .bodyText()
          .doesNotContain("Sign in with")
          .doesNotContain("oauth2");
      assertThat(mvc.get().uri("/oauth2/authorization/acme")).hasStatus3xxRedirection();
    }
  }
}
