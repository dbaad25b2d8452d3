package com.earshot.identity.signin;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.IdentityProperties;
import com.earshot.identity.users.UserService;
import com.earshot.platform.web.ClientAddress;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.ott.InvalidOneTimeTokenException;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Redeems a sign-in link: the token is used up (tries that fail are limited per client address),
 * and its owner is signed in.
 *
 * <p>The one-time-token filter's own provider, made by {@link SignInSecurity}, not a bean: as the
 * only AuthenticationProvider bean it would also become Spring Security's global one, which the
 * filter asks after a refusal, so each refused try would be counted and looked up twice.
 */
class SignInAuthenticationProvider implements AuthenticationProvider {

  private final SignInService signIn;
  private final UserService users;
  private final IdentityProperties properties;

  SignInAuthenticationProvider(
      SignInService signIn, UserService users, IdentityProperties properties) {
    this.signIn = signIn;
    this.users = users;
    this.properties = properties;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    OneTimeToken token =
        signIn.redeem(
            (OneTimeTokenAuthenticationToken) authentication,
            ClientAddress.current().orElse("unknown"));
    if (token == null) {
      throw new InvalidOneTimeTokenException("This sign-in link has expired or was already used.");
    }
    if (!properties.admits(token.getUsername())) {
      throw new InvalidOneTimeTokenException("This email address may not sign in here.");
    }
    EarshotUser user = users.signIn(token.getUsername());
    return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return OneTimeTokenAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
