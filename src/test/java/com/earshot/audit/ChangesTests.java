package com.earshot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An edit's changes: the fields whose values differ, old and new, and nothing else. */
class ChangesTests {

  @Test
  void shouldKeepOnlyTheFieldsThatChangedWithTheirOldAndNewValues() {
    Changes changes =
        new Changes()
            .field("name", "Voices", "Voices, round 2")
            .field("description", null, null)
            .field("max_rounds", 3, 3)
            .field("restricted_emails", List.of("ann@example.com"), null);

    AuditEntry entry = AuditEntry.of("playground.update").change(changes);

    assertThat(changes.includes("name")).isTrue();
    assertThat(changes.includes("max_rounds")).isFalse();
    assertThat(entry.oldValues())
        .isEqualTo(map("name", "Voices", "restricted_emails", List.of("ann@example.com")));
    assertThat(entry.newValues())
        .isEqualTo(map("name", "Voices, round 2", "restricted_emails", null));
  }

  @Test
  void shouldCompareTwoSnapshotsFieldByFieldAndSeeNothingInEqualOnes() {
    Map<String, Object> before = new HashMap<>();
    before.put("question_text", "How was it?");
    before.put("model_key", null);
    before.put("options", List.of(Map.of("label", "Good", "value", "good")));
    Map<String, Object> after = new HashMap<>(before);
    after.put("model_key", "model_a");
    after.put("required", false);

    AuditEntry entry = AuditEntry.of("question.update").change(Changes.between(before, after));

    assertThat(entry.oldValues()).isEqualTo(map("model_key", null, "required", null));
    assertThat(entry.newValues()).isEqualTo(map("model_key", "model_a", "required", false));
    assertThat(Changes.between(before, new HashMap<>(before)).isEmpty()).isTrue();
  }

  /** A map of field/value pairs; values may be null. */
  private static Map<String, Object> map(Object... fieldsAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      map.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return map;
  }
}
