package com.earshot.platform;

import java.util.UUID;

/**
 * Who the database acts for in the current transaction: row-level security reads these values. The
 * signed-in principal implements it; while signing in, only the email is known.
 */
public interface CurrentUser {

  /** The user's id, or null while the user is being signed in and has no row yet. */
  UUID id();

  /** The user's email, trimmed and lower-cased. */
  String email();

  boolean admin();

  static CurrentUser of(UUID id, String email, boolean admin) {
    return new Simple(id, email, admin);
  }

  record Simple(UUID id, String email, boolean admin) implements CurrentUser {}
}
