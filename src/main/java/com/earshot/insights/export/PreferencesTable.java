package com.earshot.insights.export;

import com.earshot.insights.export.ExportQueries.PreferenceRow;
import java.util.Arrays;
import java.util.List;

/** The preferences export: one row per round's head-to-head preference. */
final class PreferencesTable {

  static final List<String> COLUMNS =
      List.of(
          "playground_id",
          "tester_email",
          "round",
          "verdict",
          "preferred_model_key",
          "preferred_model_name",
          "met_first_model_key",
          "met_first_model_name",
          "reason",
          "answered_at");

  private PreferencesTable() {}

  static List<Object> cells(PreferenceRow row) {
    return Arrays.asList(
        row.playgroundId(),
        row.testerEmail(),
        row.round(),
        row.verdict(),
        row.preferredModelKey(),
        row.preferredModelName(),
        row.firstModelKey(),
        row.firstModelName(),
        row.reason(),
        row.answeredAt());
  }
}
