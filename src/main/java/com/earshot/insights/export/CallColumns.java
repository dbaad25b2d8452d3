package com.earshot.insights.export;

import com.earshot.insights.review.Flag;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A session's call as ElevenLabs recorded it and whether the statistics count it: the columns both
 * exports end with. Every row is exported, counted or not; a flag is a column of its own (true or
 * false), so a spreadsheet filters on it. The text came from ElevenLabs or an admin: the writers
 * defuse it like any other.
 *
 * @param flags the session's flags (V25), as stored
 * @param decision an admin's: excluded, included, or null
 */
record CallColumns(
    String conversationId,
    Integer durationSecs,
    String terminationReason,
    String versionId,
    boolean submitted,
    List<String> flags,
    String decision,
    String reason) {

  /** The SELECT list's columns; the query joins {@link #JOINS}. */
  static final String SELECT =
      """
      c.conversation_id AS call_conversation_id, c.duration_secs AS call_duration_secs,
      c.termination_reason AS call_termination_reason, c.version_id AS call_version_id,
      ARRAY(SELECT f.flag FROM session_flags f WHERE f.session_id = s.id) AS session_flags,
      x.decision AS exclusion_decision, x.reason AS exclusion_reason""";

  static final String JOINS =
      """
      LEFT JOIN conversations c ON c.session_id = s.id
      LEFT JOIN session_exclusions x ON x.session_id = s.id""";

  static final List<String> COLUMNS = columns();

  private static List<String> columns() {
    List<String> columns =
        new ArrayList<>(
            List.of(
                "elevenlabs_conversation_id",
                "call_duration_secs",
                "termination_reason",
                "agent_version_id"));
    for (Flag flag : Flag.values()) {
      columns.add("flag_" + flag.databaseValue());
    }
    columns.addAll(List.of("counted", "exclusion", "exclusion_reason"));
    return List.copyOf(columns);
  }

  static CallColumns of(ResultSet rs) throws SQLException {
    Array flags = rs.getArray("session_flags");
    return new CallColumns(
        rs.getString("call_conversation_id"),
        (Integer) rs.getObject("call_duration_secs"),
        rs.getString("call_termination_reason"),
        rs.getString("call_version_id"),
        "submitted".equals(rs.getString("status")),
        flags == null ? List.of() : Arrays.asList((String[]) flags.getArray()),
        rs.getString("exclusion_decision"),
        rs.getString("exclusion_reason"));
  }

  /**
   * Whether the statistics count the session: submitted, and neither excluded nor flagged (unless
   * an admin included it).
   */
  boolean counted() {
    if (!submitted) {
      return false;
    }
    return decision == null ? flags.isEmpty() : decision.equals("included");
  }

  List<Object> cells() {
    List<Object> cells =
        new ArrayList<>(Arrays.asList(conversationId, durationSecs, terminationReason, versionId));
    for (Flag flag : Flag.values()) {
      cells.add(flags.contains(flag.databaseValue()));
    }
    cells.add(counted());
    cells.add(decision);
    cells.add(reason);
    return cells;
  }
}
