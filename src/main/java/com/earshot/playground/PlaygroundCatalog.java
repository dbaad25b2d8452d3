package com.earshot.playground;

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

  /** Every playground the current user may see, newest first, with models and questions. */
  List<Playground> visible();
}
