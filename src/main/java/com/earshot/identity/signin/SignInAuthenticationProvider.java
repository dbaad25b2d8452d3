package com.earshot.identity.signin;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.IdentityProperties;
import com.earshot.identity.users.UserService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.ott.InvalidOneTimeTokenException;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Redeems a sign-in link: the token is used up, and its owner is signed in. */
@Component
class SignInAuthenticationProvider implements AuthenticationProvider {

  private final SignInTokens tokens;
  private final UserService users;
  private final IdentityProperties properties;

  SignInAuthenticationProvider(
      SignInTokens tokens, UserService users, IdentityProperties properties) {
    this.tokens = tokens;
    this.users = users;
    this.properties = properties;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    OneTimeToken token = tokens.consume((OneTimeTokenAuthenticationToken) authentication);
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
