package com.earshot.playground;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Playgrounds as the current user may see them (row-level security decides): for a tester, the
 * active ones that are public or list them. Joins the caller's transaction.
 */
public interface PlaygroundCatalog {

  /** The playground, its models and questions (without answer counts: those are the editor's). */
  Optional<Playground> find(UUID id);

  /**
   * One of the current admin's own playgrounds. Row-level security shows testers the playgrounds
   * they may evaluate; this shows nobody but an admin anything, and an admin only their own.
   */
  default Optional<Playground> findOwn(UUID id) {
    return DatabaseContext.currentUser().filter(CurrentUser::admin).flatMap(user -> find(id));
  }

  /** Every playground the current user may see, newest first, with models and questions. */
  List<Playground> visible();
}
