package com.earshot.evaluation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tester's "report a problem" form, as the page shows it: what is stored or was typed, the
 * messages at its fields, and whether a report was just saved.
 *
 * @param reason the chosen reason's database value, or "" for none
 * @param state null, "saved" (just stored) or "ended" (the session ended: nothing stored)
 */
record ProblemForm(
    UUID session, String reason, String details, Map<String, String> errors, String state) {

  static final String SAVED = "Thank you: your report is saved with this session.";

  static ProblemForm of(EvaluationSession session) {
    Problem problem = session.problem();
    return new ProblemForm(
        session.id(),
        problem == null ? "" : problem.reason().databaseValue(),
        problem == null || problem.details() == null ? "" : problem.details(),
        Map.of(),
        null);
  }

  ProblemForm saved() {
    return new ProblemForm(session, reason, details, errors, "saved");
  }

  public String savedMessage() {
    return SAVED;
  }

  public List<Problem.Reason> reasons() {
    return List.of(Problem.Reason.values());
  }

  /** Whether the form should show open: a report is stored, or needs fixing. */
  public boolean open() {
    return !reason.isEmpty() || !errors.isEmpty() || state != null;
  }
}
