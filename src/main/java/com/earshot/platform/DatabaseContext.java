package com.earshot.platform;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The user on whose behalf the database is asked, for row-level security. Normally the signed-in
 * principal; {@link #callAs} acts for someone else on this thread (signing in, scheduled work,
 * tests). Transactions opened inside the call carry that user.
 */
public final class DatabaseContext {

  private static final ThreadLocal<CurrentUser> OVERRIDE = new ThreadLocal<>();

  private DatabaseContext() {}

  public static Optional<CurrentUser> currentUser() {
    CurrentUser override = OVERRIDE.get();
    if (override != null) {
      return Optional.of(override);
    }
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
      return Optional.of(user);
    }
    return Optional.empty();
  }

  public static <T> T callAs(CurrentUser user, Supplier<T> work) {
    CurrentUser previous = OVERRIDE.get();
    OVERRIDE.set(user);
    try {
      return work.get();
    } finally {
      if (previous == null) {
        OVERRIDE.remove();
      } else {
        OVERRIDE.set(previous);
      }
    }
  }

  public static void runAs(CurrentUser user, Runnable work) {
    callAs(
        user,
        () -> {
          work.run();
          return null;
        });
  }
}
