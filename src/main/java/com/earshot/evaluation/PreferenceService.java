package com.earshot.evaluation;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.PlaygroundType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The head-to-head question an A/B playground may ask once per round, after both agents (issue 16
 * §1): which one the tester would rather talk to again. Asked only of the tester whose round it is,
 * once both of its sessions are submitted; skipping it stores nothing.
 */
@Service
class PreferenceService {

  static final int MAX_REASON = 1000;

  private final EvaluationSessions sessions;
  private final PlaygroundCatalog playgrounds;
  private final Preferences preferences;

  PreferenceService(
      EvaluationSessions sessions, PlaygroundCatalog playgrounds, Preferences preferences) {
    this.sessions = sessions;
    this.playgrounds = playgrounds;
    this.preferences = preferences;
  }

  /**
   * A complete round of the current user's, reached by one of its sessions: both agents submitted.
   *
   * @param first the session met first (position 1): its model is the one "Agent 1" stands for
   * @param answered whether its preference is stored already
   */
  record Round(
      Playground playground, EvaluationSession first, EvaluationSession second, boolean answered) {

    int number() {
      return first.round();
    }
  }

  /** What became of a posted preference. */
  sealed interface Outcome {

    /** Stored now, or before (a repeated submit: nothing changed). */
    record Saved(Round round) implements Outcome {}

    /**
     * Nothing stored: a message per field ({@code verdict}, {@code reason}), what was typed kept.
     */
    record Invalid(Round round, Map<String, String> errors, String verdict, String reason)
        implements Outcome {}
  }

  /**
   * Whether the tester who has just submitted {@code session} is asked which agent they prefer:
   * their round is complete, on a playground that asks, and not answered yet.
   */
  @Transactional(readOnly = true)
  boolean isAsked(EvaluationSession session) {
    return session.position() == 2 && find(session.id()).filter(r -> !r.answered()).isPresent();
  }

  /**
   * The round of {@code sessionId}; 404 for anyone else's session, a round not complete, or a
   * playground that does not ask.
   */
  @Transactional(readOnly = true)
  Round round(UUID sessionId) {
    return find(sessionId).orElseThrow(() -> new NotFoundException("Round"));
  }

  /**
   * Stores the preference of the round of {@code sessionId}: {@code verdict} is one of {@link
   * PreferenceVerdict}'s stored values, {@code reason} optional plain text of at most {@value
   * #MAX_REASON} characters. Once stored, a repeat changes nothing.
   */
  @Transactional
  Outcome answer(UUID sessionId, String verdict, String reason) {
    Round round = round(sessionId);
    String why = reason == null ? "" : reason.strip();
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<PreferenceVerdict> chosen = PreferenceVerdict.of(verdict);
    if (chosen.isEmpty()) {
      errors.put(
          "verdict",
          verdict == null || verdict.isBlank()
              ? "Choose one of the answers, or skip this question."
              : "Choose one of the answers listed.");
    }
    if (why.codePointCount(0, why.length()) > MAX_REASON) {
      errors.put(
          "reason",
          "Keep the reason to "
              + MAX_REASON
              + " characters (it has "
              + why.codePointCount(0, why.length())
              + ").");
    }
    if (!errors.isEmpty()) {
      return new Outcome.Invalid(round, errors, verdict, reason);
    }
    if (!round.answered()) {
      preferences.insert(
          round.playground().id(),
          round.number(),
          chosen.get(),
          round.first().modelKey(),
          chosen.get().preferred(round.first().modelKey()),
          why.isEmpty() ? null : why);
    }
    return new Outcome.Saved(round);
  }

  private Optional<Round> find(UUID sessionId) {
    Optional<EvaluationSession> own = sessions.findOwn(sessionId);
    if (own.isEmpty()) {
      return Optional.empty();
    }
    EvaluationSession session = own.get();
    Optional<Playground> playground =
        playgrounds
            .find(session.playgroundId())
            .filter(p -> p.type() == PlaygroundType.AB_TESTING && p.settings().asksPreference());
    if (playground.isEmpty()) {
      return Optional.empty();
    }
    UUID user = currentUser();
    List<EvaluationSession> round =
        sessions.mine(session.playgroundId(), user).stream()
            .filter(s -> s.round() == session.round() && s.isSubmitted())
            .toList();
    Optional<EvaluationSession> first = round.stream().filter(s -> s.position() == 1).findFirst();
    Optional<EvaluationSession> second = round.stream().filter(s -> s.position() == 2).findFirst();
    if (first.isEmpty() || second.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Round(
            playground.get(),
            first.get(),
            second.get(),
            preferences.exists(session.playgroundId(), user, session.round())));
  }

  private static UUID currentUser() {
    return DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
  }
}
