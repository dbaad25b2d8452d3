package com.earshot.identity.users;

/** A user change that the rules do not allow; the message is for the admin who tried. */
class UserManagementException extends RuntimeException {

  private UserManagementException(String message) {
    super(message);
  }

  static UserManagementException lastAdmin() {
    return new UserManagementException(
        "This is the last admin. Promote someone else first, so that Earshot keeps an admin.");
  }
}
