package com.earshot.identity;

/** What a user may do: testers evaluate, admins also build playgrounds and manage users. */
public enum Role {
  ADMIN,
  TESTER;

  /** The database's {@code user_role} value. */
  public String databaseValue() {
    return name().toLowerCase();
  }

  public static Role fromDatabase(String value) {
    return valueOf(value.toUpperCase());
  }
}
