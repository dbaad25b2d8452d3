package com.earshot.identity;

import com.earshot.platform.CurrentUser;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The signed-in user, as kept in the HTTP session: the principal of every request. */
public record EarshotUser(UUID id, String email, Role role)
    implements CurrentUser, Principal, Serializable {

  @Override
  public boolean admin() {
    return role == Role.ADMIN;
  }

  /** The email: Spring Session indexes sessions by it, so a user's sessions can be found. */
  @Override
  public String getName() {
    return email;
  }

  public List<GrantedAuthority> authorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
  }
}
