package com.earshot.insights.review;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.PlaygroundCatalog;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which sessions count: the flags the database raised (V25), the admins' decisions, and the
 * sessions the statistics therefore leave out. Row-level security shows all of it only to the admin
 * who owns the playground.
 */
@Service
public class SessionReview {

  static final int MAX_REASON = 500;

  private final JdbcClient jdbc;
  private final PlaygroundCatalog playgrounds;
  private final AuditLog audit;

  SessionReview(JdbcClient jdbc, PlaygroundCatalog playgrounds, AuditLog audit) {
    this.jdbc = jdbc;
    this.playgrounds = playgrounds;
    this.audit = audit;
  }

  /** An admin's decision on a session. */
  public record Decision(boolean excluded, String reason, String decidedBy, LocalDateTime at) {}

  /**
   * A session as the exclusion form shows it.
   *
   * @param submitted only submitted sessions are counted (or left out)
   */
  public record State(
      UUID playgroundId, UUID sessionId, boolean submitted, List<Flag> flags, Decision decision) {

    public boolean leftOut() {
      return submitted && (decision != null ? decision.excluded() : !flags.isEmpty());
    }

    /** An admin may exclude any session that counts, and re-include any left out. */
    public String action() {
      return leftOut() ? "include" : "exclude";
    }
  }

  /**
   * The sessions a playground's statistics leave out (or, {@code included}, count anyway), by
   * reason: V34 keeps each under its reason as its flags and decision change.
   */
  @Transactional(readOnly = true)
  public LeftOut leftOut(UUID playground, boolean included) {
    Map<String, Long> byReason = new HashMap<>();
    jdbc.sql(
            "SELECT reason, count(*) AS sessions FROM left_out_sessions WHERE playground_id = ?"
                + " GROUP BY reason")
        .param(playground)
        .query(
            (RowCallbackHandler)
                rs -> byReason.put(rs.getString("reason"), rs.getLong("sessions")));
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (Flag flag : Flag.values()) {
      Long count = byReason.get(flag.databaseValue());
      if (count != null) {
        reasons.put(flag.label(), count);
      }
    }
    Long byHand = byReason.get(BY_HAND);
    if (byHand != null) {
      reasons.put(LeftOut.BY_HAND, byHand);
    }
    return new LeftOut(reasons, included);
  }

  /** The reason V34 keeps for an excluded session. */
  private static final String BY_HAND = "by_hand";

  /**
   * One of the current admin's sessions, with its flags and decision; anything else is not found.
   */
  @Transactional(readOnly = true)
  public State state(UUID playground, UUID session) {
    playgrounds.findOwn(playground).orElseThrow(() -> new NotFoundException("Playground"));
    String status =
        jdbc.sql("SELECT status FROM evaluation_sessions WHERE id = ? AND playground_id = ?")
            .params(session, playground)
            .query(String.class)
            .optional()
            .orElseThrow(() -> new NotFoundException("Session"));
    List<Flag> flags =
        Flag.listOf(
            jdbc.sql("SELECT flag FROM session_flags WHERE session_id = ?")
                .param(session)
                .query(String.class)
                .list()
                .toArray(String[]::new));
    Decision decision =
        jdbc.sql(
                """
                SELECT x.decision, x.reason, u.email, x.decided_at
                FROM session_exclusions x LEFT JOIN users u ON u.id = x.decided_by
                WHERE x.session_id = ?
                """)
            .param(session)
            .query(
                (rs, n) ->
                    new Decision(
                        "excluded".equals(rs.getString("decision")),
                        rs.getString("reason"),
                        rs.getString("email"),
                        rs.getObject("decided_at", LocalDateTime.class)))
            .optional()
            .orElse(null);
    return new State(playground, session, "submitted".equals(status), flags, decision);
  }

  /**
   * Excludes a session that counts, or re-includes one left out, with the admin's reason; the
   * decision and its audit row commit together.
   */
  @Transactional
  public State decide(UUID playground, UUID session, String action, String reason) {
    State before = state(playground, session);
    String why = reason == null ? "" : reason.strip();
    Map<String, String> errors = new LinkedHashMap<>();
    if (!before.submitted()) {
      errors.put("action", "Only submitted sessions are counted: there is nothing to exclude.");
    } else if (!before.action().equals(action)) {
      errors.put(
          "action",
          before.leftOut()
              ? "This session is left out already: reload the page to see why."
              : "This session is counted already: reload the page to see why.");
    }
    if (why.isEmpty()) {
      errors.put("reason", "Say why, so that others reading the statistics know.");
    } else if (why.length() > MAX_REASON) {
      errors.put(
          "reason", "At most " + MAX_REASON + " characters (this has " + why.length() + ").");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    boolean exclude = action.equals("exclude");
    jdbc.sql(
            """
            INSERT INTO session_exclusions (session_id, playground_id, decision, reason, decided_by)
            VALUES (:session, :playground, :decision, :reason, app_current_user_id())
            ON CONFLICT (session_id) DO UPDATE
              SET decision = excluded.decision, reason = excluded.reason,
                  decided_by = excluded.decided_by, decided_at = now()
            """)
        .param("session", session)
        .param("playground", playground)
        .param("decision", exclude ? "excluded" : "included")
        .param("reason", why)
        .update();
    Map<String, Object> old = new LinkedHashMap<>();
    old.put("counted", !before.leftOut());
    if (before.decision() != null) {
      old.put("reason", before.decision().reason());
    }
    old.put("flags", before.flags().stream().map(Flag::databaseValue).toList());
    audit.record(
        new AuditEntry(
            exclude ? "session.exclude" : "session.include",
            "evaluation_session",
            session,
            playground,
            old,
            Map.of("counted", !exclude, "reason", why)));
    return state(playground, session);
  }
}
