package com.earshot.identity;

import com.earshot.platform.database.DatabaseEnum;

/**
 * What a user may do: testers evaluate, admins also build playgrounds and manage users. Stored as
 * the database's {@code user_role}.
 */
public enum Role implements DatabaseEnum {
  ADMIN,
  TESTER;

  public static Role fromDatabase(String value) {
    return DatabaseEnum.fromDatabase(Role.class, value);
  }
}
