package com.earshot.insights.export;

import com.earshot.insights.export.ExportQueries.SessionAnswerRow;
import com.earshot.insights.export.ExportQueries.SessionRow;
import com.earshot.playground.Question;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The sessions export: one row per session, with a column per question of the playground, in
 * question order. Rows arrive one per answer, a session's together; only the session being
 * assembled is held, and it is written as soon as the next one begins.
 */
final class SessionsTable {

  static final List<String> SESSION_COLUMNS =
      AnswersTable.withCallColumns(
          List.of(
              "playground_id",
              "session_id",
              "status",
              "tester_email",
              "model_key",
              "model_name",
              "configuration_version",
              "round",
              "position",
              "shown_as",
              "started_at",
              "expires_at",
              "submitted_at",
              "call_started_at",
              "conversation_id"));

  private final TableWriter out;
  private final boolean abTest;
  private final List<String> questionColumns;
  private final Map<UUID, Integer> columnOf = new HashMap<>();

  private SessionRow current;
  private Object[] answers;

  SessionsTable(TableWriter out, boolean abTest, List<Question> questions) {
    this.out = out;
    this.abTest = abTest;
    this.questionColumns = questionColumns(questions);
    for (int i = 0; i < questions.size(); i++) {
      columnOf.put(questions.get(i).id(), i);
    }
  }

  /**
   * A column name per question: its text, made unique. A text met before (or equal to a session
   * column) gets " (2)", " (3)"… in question order, so the first keeps its plain text.
   */
  static List<String> questionColumns(List<Question> questions) {
    Set<String> taken = new HashSet<>(SESSION_COLUMNS);
    List<String> columns = new ArrayList<>(questions.size());
    for (Question question : questions) {
      String column = question.text();
      for (int n = 2; !taken.add(column); n++) {
        column = question.text() + " (" + n + ")";
      }
      columns.add(column);
    }
    return columns;
  }

  void header() throws IOException {
    List<String> columns = new ArrayList<>(SESSION_COLUMNS);
    columns.addAll(questionColumns);
    out.header(columns);
  }

  void add(SessionAnswerRow row) throws IOException {
    if (current == null || !current.id().equals(row.session().id())) {
      flush();
      current = row.session();
      answers = new Object[questionColumns.size()];
    }
    Integer column = row.questionId() == null ? null : columnOf.get(row.questionId());
    if (column != null) {
      answers[column] = firstNonNull(row.answerValue(), row.rating(), row.answerText());
    }
  }

  /** Writes the last session. */
  void finish() throws IOException {
    flush();
    current = null;
  }

  private void flush() throws IOException {
    if (current == null) {
      return;
    }
    List<Object> cells =
        new ArrayList<>(
            Arrays.asList(
                current.playgroundId(),
                current.id(),
                current.status(),
                current.testerEmail(),
                current.modelKey(),
                current.modelName(),
                current.configurationVersion(),
                current.round(),
                current.position(),
                AnswersTable.shownAs(current, abTest),
                current.startedAt(),
                current.expiresAt(),
                current.submittedAt(),
                current.callStartedAt(),
                current.conversationId()));
    cells.addAll(current.call().cells());
    cells.addAll(Arrays.asList(answers));
    out.row(cells);
  }

  private static Object firstNonNull(Object... values) {
    for (Object value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
