package com.earshot.evaluation;

import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.Question;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Submits a tester's answers in one transaction (DESIGN.md, "Submission"): the session is marked
 * submitted first (so a repeated or concurrent submit of the same session changes nothing), one row
 * per answer is inserted, and the model's counter moves by the database's guarded increment, which
 * never passes the limit. Anything refused rolls the whole transaction back.
 */
@Service
public class SubmissionService {

  public static final int MAX_TEXT = 10_000;
  static final String FIELD_PREFIX = "q-";

  private final EvaluationSessions sessions;
  private final PlaygroundCatalog playgrounds;

  SubmissionService(EvaluationSessions sessions, PlaygroundCatalog playgrounds) {
    this.sessions = sessions;
    this.playgrounds = playgrounds;
  }

  /**
   * The current user's session; 404 for anyone else's (the owning admin included), as for one that
   * does not exist.
   */
  @Transactional(readOnly = true)
  public EvaluationSession session(UUID id) {
    return sessions.findOwn(id).orElseThrow(() -> new NotFoundException("Session"));
  }

  @Transactional(readOnly = true)
  public Map<String, String> answers(UUID session) {
    return sessions.answers(session);
  }

  /**
   * @param form the posted fields: {@code q-<question id>} → the answer as typed
   */
  @Transactional
  public SubmissionOutcome submit(UUID sessionId, Map<String, String> form) {
    EvaluationSession session = session(sessionId);
    Map<String, String> typed = typedAnswers(form);
    if (session.isSubmitted()) {
      return new SubmissionOutcome.Saved(session, null);
    }
    if (session.isGivenBack()) {
      return givenBack(typed);
    }
    Playground playground =
        playgrounds.find(session.playgroundId()).filter(Playground::active).orElse(null);
    if (playground == null) {
      return new SubmissionOutcome.Unavailable(typed);
    }
    List<Question> questions = playground.questionsFor(session.modelKey());
    Map<String, String> errors = new LinkedHashMap<>();
    String message = checkFields(form, questions);
    if (playground.settings().requireCall() && !session.callStarted()) {
      message = "Start a call with the agent first: the questions are about that conversation.";
    }
    List<Answer> answers = AnswerRules.check(questions, typed, errors);
    if (message != null || !errors.isEmpty()) {
      return new SubmissionOutcome.Invalid(
          errors, typed, message != null ? message : "Some answers need your attention.");
    }
    EvaluationSession submitted = sessions.markSubmitted(sessionId).orElse(null);
    if (submitted == null) {
      // A concurrent submit of this session committed first: report the session as it now is.
      // Or the agent was given back meanwhile: then nothing is saved.
      EvaluationSession now = session(sessionId);
      return now.isGivenBack() ? givenBack(typed) : new SubmissionOutcome.Saved(now, playground);
    }
    sessions.insertAnswers(session, answers);
    if (!sessions.countSubmission(sessionId)) {
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return new SubmissionOutcome.LimitReached(typed, session.lapsed());
    }
    return new SubmissionOutcome.Saved(submitted, playground);
  }

  private static SubmissionOutcome givenBack(Map<String, String> typed) {
    return new SubmissionOutcome.Invalid(
        Map.of(),
        typed,
        "You gave this agent back, so these answers cannot be saved. Open the playground to meet"
            + " the next agent.");
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

  record Answer(UUID question, String text, String value, Integer rating) {}
}
