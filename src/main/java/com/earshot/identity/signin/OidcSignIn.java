package com.earshot.identity.signin;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.Emails;
import com.earshot.identity.IdentityProperties;
import com.earshot.identity.users.UserService;
import com.earshot.platform.CurrentUser;
import java.util.UUID;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect sign-in (Google, Microsoft, any issuer): the issuer's verified email address signs
 * in the same Earshot user an email link would.
 */
@Component
class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcUserService issuer = new OidcUserService();
  private final UserService users;
  private final IdentityProperties properties;

  OidcSignIn(UserService users, IdentityProperties properties) {
    this.users = users;
    this.properties = properties;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser oidcUser = issuer.loadUser(request);
    String email = Emails.normalize(oidcUser.getEmail()).orElse(null);
    if (email == null || Boolean.FALSE.equals(oidcUser.getEmailVerified())) {
      throw refused("The identity provider gave no verified email address.");
    }
    if (!properties.admits(email)) {
      throw refused("This email address may not sign in here.");
    }
    EarshotUser user = users.signIn(email);
    return new EarshotOidcUser(user, oidcUser);
  }

  private static OAuth2AuthenticationException refused(String message) {
    return new OAuth2AuthenticationException(new OAuth2Error("access_denied", message, null));
  }

  /** The issuer's user, carrying Earshot's identity for row-level security. */
  static final class EarshotOidcUser extends DefaultOidcUser implements CurrentUser {

    private final EarshotUser user;

    EarshotOidcUser(EarshotUser user, OidcUser oidcUser) {
      super(user.authorities(), oidcUser.getIdToken(), oidcUser.getUserInfo(), "email");
      this.user = user;
    }

    @Override
    public UUID id() {
      return user.id();
    }

    @Override
    public String email() {
      return user.email();
    }

    @Override
    public boolean admin() {
      return user.admin();
    }
  }
}
