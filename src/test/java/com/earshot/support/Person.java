package com.earshot.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.Role;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A user a test acts as: signed in for MockMvc, or the one the database acts for in a call. */
public record Person(UUID id, String email, Role role) {

  /** This person as the principal of a MockMvc request. */
  public RequestPostProcessor signedIn() {
    EarshotUser user = new EarshotUser(id, email, role);
    return authentication(
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
  }

  public CurrentUser current() {
    return CurrentUser.of(id, email, role == Role.ADMIN);
  }

  /** Runs {@code work} as this person: the database sees them, row-level security included. */
  public <T> T call(Supplier<T> work) {
    return DatabaseContext.callAs(current(), work);
  }

  public void run(Runnable work) {
    DatabaseContext.runAs(current(), work);
  }
}
