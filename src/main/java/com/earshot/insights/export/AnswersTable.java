package com.earshot.insights.export;

import com.earshot.insights.export.ExportQueries.AnswerRow;
import com.earshot.insights.export.ExportQueries.SessionRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The answers export: one row per answer, with its session, model, question and tester. */
final class AnswersTable {

  static final List<String> COLUMNS =
      withCallColumns(
          List.of(
              "playground_id",
              "session_id",
              "session_status",
              "tester_email",
              "model_key",
              "model_name",
              "configuration_version",
              "round",
              "position",
              "shown_as",
              "question_id",
              "question_order",
              "question_text",
              "question_type",
              "answer_value",
              "answer_label",
              "rating",
              "answer_text",
              "answered_at",
              "session_started_at",
              "session_submitted_at",
              "call_started_at",
              "conversation_id"));

  private final TableWriter out;
  private final boolean abTest;

  AnswersTable(TableWriter out, boolean abTest) {
    this.out = out;
    this.abTest = abTest;
  }

  void header() throws IOException {
    out.header(COLUMNS);
  }

  void write(AnswerRow answer) throws IOException {
    SessionRow session = answer.session();
    List<Object> cells =
        new ArrayList<>(
            Arrays.asList(
                session.playgroundId(),
                session.id(),
                session.status(),
                session.testerEmail(),
                session.modelKey(),
                session.modelName(),
                session.configurationVersion(),
                session.round(),
                session.position(),
                shownAs(session, abTest),
                answer.questionId(),
                answer.questionOrder(),
                answer.questionText(),
                answer.questionType(),
                answer.answerValue(),
                answer.answerLabel(),
                answer.rating(),
                answer.answerText(),
                answer.answeredAt(),
                session.startedAt(),
                session.submittedAt(),
                session.callStartedAt(),
                session.conversationId()));
    cells.addAll(session.call().cells());
    out.row(cells);
  }

  static List<String> withCallColumns(List<String> columns) {
    List<String> all = new ArrayList<>(columns);
    all.addAll(CallColumns.COLUMNS);
    return List.copyOf(all);
  }

  /** What the tester saw: "Agent 1" or "Agent 2" in an A/B test (blinded); nothing in tuning. */
  static String shownAs(SessionRow session, boolean abTest) {
    return abTest ? "Agent " + session.position() : null;
  }
}
