package com.earshot.evaluation;

import com.earshot.platform.web.StrippedLength;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/**
 * The tester's "report a problem" form, as the page shows it: what is stored or was typed, and
 * whether a report was just saved. Only {@code problemReason} and {@code problemDetails} are
 * posted; the session and the state are the page's.
 */
class ProblemForm {

  static final String SAVED = "Thank you: your report is saved with this session.";

  private UUID session;

  /** null, "saved" (just stored) or "ended" (the session ended: nothing stored). */
  private String state;

  /** The chosen reason's database value, or "" for none. */
  private String problemReason = "";

  @StrippedLength(
      max = Problem.MAX_DETAILS,
      message = "At most {max} characters (this has {length}).")
  private String problemDetails = "";

  static ProblemForm of(EvaluationSession session) {
    Problem problem = session.problem();
    ProblemForm form = new ProblemForm().about(session.id());
    form.setProblemReason(problem == null ? "" : problem.reason().databaseValue());
    form.setProblemDetails(problem == null || problem.details() == null ? "" : problem.details());
    return form;
  }

  ProblemForm about(UUID session) {
    this.session = session;
    return this;
  }

  ProblemForm saved() {
    state = "saved";
    return this;
  }

  ProblemForm ended() {
    state = "ended";
    return this;
  }

  /** The report as stored. */
  Problem problem() {
    return new Problem(getReason(), problemDetails.isBlank() ? null : problemDetails.strip());
  }

  public UUID getSession() {
    return session;
  }

  public String getState() {
    return state;
  }

  public String getProblemReason() {
    return problemReason;
  }

  public void setProblemReason(String problemReason) {
    this.problemReason = problemReason;
  }

  public String getProblemDetails() {
    return problemDetails;
  }

  public void setProblemDetails(String problemDetails) {
    this.problemDetails = problemDetails;
  }

  /** The reason chosen; null for none, or one the form does not offer. */
  @NotNull(message = "Choose what went wrong.")
  public Problem.Reason getReason() {
    return Problem.Reason.of(problemReason);
  }

  public String savedMessage() {
    return SAVED;
  }

  public List<Problem.Reason> reasons() {
    return List.of(Problem.Reason.values());
  }

  /** Whether the form shows open: a report is stored or was just sent. */
  public boolean open() {
    return !problemReason.isEmpty() || state != null;
  }
}
