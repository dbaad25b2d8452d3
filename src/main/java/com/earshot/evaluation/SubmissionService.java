package com.earshot.evaluation;

import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.Question;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tester's submit (DESIGN.md, "Submission"), and what they meet next, in two transactions.
 *
 * <p>The first stores the answers: the session is marked submitted first (so a repeated or
 * concurrent submit of the same session changes nothing), one row per answer is inserted, and the
 * model's counter moves by the database's guarded increment, which never passes the limit. Anything
 * refused leaves it as a {@link SubmissionRefusedException}, which rolls the whole transaction
 * back. Once it has committed, the answers stand: the second transaction finds the next assignment,
 * and whatever goes wrong there (the database gone, say), the submit is still reported as saved.
 */
@Service
public class SubmissionService {

  private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);

  static final int MAX_TEXT = 10_000;
  static final String FIELD_PREFIX = "q-";

  private final EvaluationSessions sessions;
  private final PlaygroundCatalog playgrounds;
  private final AssignmentService assignments;
  private final TransactionTemplate transaction;

  SubmissionService(
      EvaluationSessions sessions,
      PlaygroundCatalog playgrounds,
      AssignmentService assignments,
      PlatformTransactionManager transactions) {
    this.sessions = sessions;
    this.playgrounds = playgrounds;
    this.assignments = assignments;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * The current user's session; 404 for anyone else's (the owning admin included), as for one that
   * does not exist.
   */
  @Transactional(readOnly = true)
  EvaluationSession session(UUID id) {
    return sessions.findOwn(id).orElseThrow(() -> new NotFoundException("Session"));
  }

  @Transactional(readOnly = true)
  Map<String, String> answers(UUID session) {
    return sessions.answers(session);
  }

  /**
   * Stores the answers, then finds the tester's next assignment.
   *
   * @param form the posted fields: {@code q-<question id>} → the answer as typed
   */
  public SubmissionOutcome submit(UUID sessionId, Map<String, String> form) {
    Stored stored;
    try {
      stored = transaction.execute(status -> store(sessionId, form));
    } catch (SubmissionRefusedException refused) {
      return refused.outcome();
    }
    EvaluationSession session = stored.session();
    try {
      Assignment next =
          stored instanceof StoredNow now
              ? assignments.nextInRound(now.playground())
              : assignments.nextInRound(session.playgroundId());
      return new SubmissionOutcome.Saved(session, next);
    } catch (RuntimeException e) {
      log.warn("Session {} is submitted, but its next agent could not be found", session.id(), e);
      return new SubmissionOutcome.SavedNextUnknown(session);
    }
  }

  /** The submit's transaction. */
  private Stored store(UUID sessionId, Map<String, String> form) {
    EvaluationSession session = session(sessionId);
    Map<String, String> typed = typedAnswers(form);
    if (session.isSubmitted()) {
      return new StoredBefore(session);
    }
    if (session.isGivenBack()) {
      throw givenBack(session, typed);
    }
    Playground playground =
        playgrounds
            .find(session.playgroundId())
            .filter(Playground::active)
            .orElseThrow(
                () -> new SubmissionRefusedException(new SubmissionOutcome.Unavailable(typed)));
    List<Question> questions = playground.questionsFor(session.modelKey());
    Map<String, String> errors = new LinkedHashMap<>();
    String message = checkFields(form, questions);
    if (playground.settings().requireCall() && !session.callStarted()) {
      message = "Start a call with the agent first: the questions are about that conversation.";
    }
    List<Answer> answers = AnswerRules.check(questions, typed, errors);
    if (message != null || !errors.isEmpty()) {
      throw new SubmissionRefusedException(
          new SubmissionOutcome.Invalid(
              session,
              errors,
              typed,
              message != null ? message : "Some answers need your attention."));
    }
    EvaluationSession submitted = sessions.markSubmitted(sessionId).orElse(null);
    if (submitted == null) {
      // A concurrent submit of this session committed first: report the session as it now is.
      // Or the agent was given back meanwhile: then nothing is saved.
      EvaluationSession now = session(sessionId);
      if (now.isGivenBack()) {
        throw givenBack(now, typed);
      }
      return new StoredNow(now, playground);
    }
    sessions.insertAnswers(session, answers);
    if (!sessions.countSubmission(sessionId)) {
      throw new SubmissionRefusedException(
          new SubmissionOutcome.LimitReached(session, typed, session.lapsed()));
    }
    return new StoredNow(submitted, playground);
  }

  private static SubmissionRefusedException givenBack(
      EvaluationSession session, Map<String, String> typed) {
    return new SubmissionRefusedException(
        new SubmissionOutcome.Invalid(
            session,
            Map.of(),
            typed,
            "You gave this agent back, so these answers cannot be saved. Open the playground to"
                + " meet the next agent."));
  }

  /** Only answers to this form's questions: anything else is refused as a whole. */
  private static String checkFields(Map<String, String> form, List<Question> questions) {
    for (String field : form.keySet()) {
      if (!field.startsWith(FIELD_PREFIX)) {
        continue;
      }
      String id = field.substring(FIELD_PREFIX.length());
      if (questions.stream().noneMatch(question -> question.id().toString().equals(id))) {
        return "The answers do not match this form (a question that is not on it was answered)."
            + " Reload the page and try again.";
      }
    }
    return null;
  }

  private static Map<String, String> typedAnswers(Map<String, String> form) {
    Map<String, String> typed = new LinkedHashMap<>();
    form.forEach(
        (field, value) -> {
          if (field.startsWith(FIELD_PREFIX)) {
            typed.put(field.substring(FIELD_PREFIX.length()), value);
          }
        });
    return typed;
  }

  /** A submit whose answers are stored. */
  private sealed interface Stored {
    EvaluationSession session();
  }

  /**
   * Stored by this submit (or a concurrent one), with the playground as its transaction read it
   * under row-level security, so that finding the next agent need not read it again.
   */
  private record StoredNow(EvaluationSession session, Playground playground) implements Stored {}

  /** Stored by an earlier submit: this one read nothing more. */
  private record StoredBefore(EvaluationSession session) implements Stored {}
}
