package com.earshot.identity.users;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.Role;
import java.time.LocalDateTime;
import java.util.UUID;

/** A user as the Users page shows it. Times are UTC. */
record UserAccount(
    UUID id,
    String email,
    String fullName,
    Role role,
    LocalDateTime createdAt,
    LocalDateTime lastLogin) {

  public EarshotUser principal() {
    return new EarshotUser(id, email, role);
  }

  public boolean admin() {
    return role == Role.ADMIN;
  }
}
