package com.earshot.evaluation;

import com.earshot.platform.database.DatabaseEnum;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens around a tester's call (DESIGN.md, "The call"): the page reports the call's start,
 * its conversation id and its end, or that the widget did not load; the tester reports a problem,
 * or gives the agent back, which ends the session at once and frees its slot.
 *
 * <p>Only the session's owner reports (anyone else is answered 404, as for a session that does not
 * exist), and only while it is open: a report on a submitted or given-back session changes nothing.
 * A tester may call more than once; the session keeps its first call's start and conversation id
 * and its last call's end (every conversation can still be found in ElevenLabs by the session's
 * {@code call_reference}, its widget's {@code user-id}).
 */
@Service
public class CallService {

  static final int MAX_CONVERSATION_ID = 255;
  private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_:.-]+");

  /** How the page found the widget failing (see earshot.js, "widget health"). */
  static final Set<String> WIDGET_FAILURES =
      Set.of(
          "script", "not_found", "refused", "server_error", "network", "malformed", "not_rendered");

  /** Why an agent was given back. */
  enum GiveBackReason implements DatabaseEnum {
    WIDGET_FAILED,
    TESTER_CHOICE
  }

  private final EvaluationSessions sessions;

  CallService(EvaluationSessions sessions) {
    this.sessions = sessions;
  }

  @Transactional
  void callStarted(UUID session) {
    own(session);
    sessions.recordCallStarted(session);
  }

  /**
   * The widget connected and ElevenLabs named the conversation.
   *
   * @throws InvalidInputException when the id is missing, too long or not an ElevenLabs id
   */
  @Transactional
  public void callConnected(UUID session, String conversationId) {
    String id = conversationId == null ? "" : conversationId.strip();
    if (id.isEmpty()
        || id.length() > MAX_CONVERSATION_ID
        || !CONVERSATION_ID.matcher(id).matches()) {
      throw InvalidInputException.of(
          "conversationId",
          "A conversation id is up to "
              + MAX_CONVERSATION_ID
              + " letters, digits and '_', ':', '.', '-'.");
    }
    own(session);
    sessions.recordConversation(session, id);
  }

  @Transactional
  void callEnded(UUID session) {
    own(session);
    sessions.recordCallEnded(session);
  }

  /**
   * @param failure one of {@link #WIDGET_FAILURES}
   */
  @Transactional
  void widgetFailed(UUID session, String failure) {
    if (failure == null || !WIDGET_FAILURES.contains(failure)) {
      throw InvalidInputException.of(
          "failure", "The failure is one of " + String.join(", ", WIDGET_FAILURES) + ".");
    }
    own(session);
    sessions.recordWidgetFailure(session, failure);
  }

  /**
   * Gives the agent back: the session ends (given back, with the reason) and its slot is free for
   * another tester. Repeated, it changes nothing. Returns the session as it now is: given back, or
   * submitted (then it was not given back: its answers stand).
   */
  @Transactional
  EvaluationSession giveBack(UUID session, GiveBackReason reason) {
    EvaluationSession current = own(session);
    if (current.isSubmitted() || current.isGivenBack()) {
      return current;
    }
    return sessions.giveBack(session, reason.databaseValue()).orElseGet(() -> own(session));
  }

  /**
   * Stores the tester's report on the session (a later report replaces it). Returns the session as
   * it now is; one already submitted or given back keeps no report.
   */
  @Transactional
  public EvaluationSession reportProblem(UUID session, Problem problem) {
    EvaluationSession current = own(session);
    if (current.isSubmitted() || current.isGivenBack()) {
      return current;
    }
    sessions.reportProblem(session, problem);
    return own(session);
  }

  private EvaluationSession own(UUID session) {
    return sessions.findOwn(session).orElseThrow(() -> new NotFoundException("Session"));
  }
}
