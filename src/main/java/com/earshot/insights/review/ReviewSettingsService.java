package com.earshot.insights.review;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.insights.review.ReviewSettings.Mapping;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and saves a playground's {@link ReviewSettings}; saving recomputes its flags (V25). */
@Service
class ReviewSettingsService {

  static final int MAX_SECONDS = 3600;
  static final int MAX_NAMES = 50;
  static final int MAX_NAME = 100;
  static final int MAX_CRITERION = 255;
  static final Set<String> RESULTS = Set.of("success", "failure");

  private final JdbcClient jdbc;
  private final PlaygroundCatalog playgrounds;
  private final AuditLog audit;
  private final JsonMapper json;

  ReviewSettingsService(
      JdbcClient jdbc, PlaygroundCatalog playgrounds, AuditLog audit, JsonMapper json) {
    this.jdbc = jdbc;
    this.playgrounds = playgrounds;
    this.audit = audit;
    this.json = json;
  }

  /** What the form posts, as typed. */
  record Form(
      String minCallSeconds,
      String minAnswerSeconds,
      String revealingNames,
      Map<UUID, String> criteria,
      Map<UUID, Map<String, String>> optionResults) {}

  @Transactional(readOnly = true)
  Playground playground(UUID id) {
    return playgrounds.findOwn(id).orElseThrow(() -> new NotFoundException("Playground"));
  }

  @Transactional(readOnly = true)
  ReviewSettings settings(UUID id) {
    return read(playground(id));
  }

  private ReviewSettings read(Playground playground) {
    List<String> defaults =
        playground.models().stream()
            .map(ModelConfiguration::name)
            .filter(name -> name != null && !name.isBlank())
            .toList();
    Map<UUID, Mapping> mappings = new LinkedHashMap<>();
    jdbc.sql(
            "SELECT question_id, criterion_id, option_results::text AS results"
                + " FROM criterion_mappings WHERE playground_id = ?")
        .param(playground.id())
        .query(
            rs -> {
              mappings.put(
                  rs.getObject("question_id", UUID.class),
                  new Mapping(
                      rs.getString("criterion_id"),
                      json.readValue(
                          rs.getString("results"), new TypeReference<Map<String, String>>() {})));
            });
    return jdbc.sql(
            "SELECT min_call_seconds, min_answer_seconds, revealing_names"
                + " FROM playground_review_settings WHERE playground_id = ?")
        .param(playground.id())
        .query(
            (rs, n) ->
                new ReviewSettings(
                    rs.getInt("min_call_seconds"),
                    rs.getInt("min_answer_seconds"),
                    rs.getArray("revealing_names") == null
                        ? List.of()
                        : Arrays.asList((String[]) rs.getArray("revealing_names").getArray()),
                    defaults,
                    mappings))
        .optional()
        .orElseGet(
            () ->
                new ReviewSettings(
                    ReviewSettings.DEFAULT_MIN_CALL_SECONDS,
                    ReviewSettings.DEFAULT_MIN_ANSWER_SECONDS,
                    List.of(),
                    defaults,
                    mappings));
  }

  /** Validates the whole form first: nothing is written unless all of it is right. */
  @Transactional
  void save(UUID id, Form form) {
    Playground playground = playground(id);
    ReviewSettings before = read(playground);
    Map<String, String> errors = new LinkedHashMap<>();
    Integer minCall = seconds(form.minCallSeconds(), "minCallSeconds", errors);
    Integer minAnswer = seconds(form.minAnswerSeconds(), "minAnswerSeconds", errors);
    List<String> names = names(form.revealingNames(), errors);
    Map<UUID, Mapping> mappings = new LinkedHashMap<>();
    for (Question question : playground.questions()) {
      if (question.type() != QuestionType.SELECT) {
        continue;
      }
      String criterion = form.criteria().getOrDefault(question.id(), "").strip();
      Map<String, String> posted = form.optionResults().getOrDefault(question.id(), Map.of());
      Map<String, String> results = new LinkedHashMap<>();
      for (Question.Option option : question.options()) {
        String result = posted.getOrDefault(option.value(), "").strip();
        if (!result.isEmpty() && !RESULTS.contains(result)) {
          errors.put("criterion-" + question.id(), "Choose success, failure or neither.");
        } else if (!result.isEmpty()) {
          results.put(option.value(), result);
        }
      }
      String field = "criterion-" + question.id();
      if (criterion.isEmpty()) {
        if (!results.isEmpty()) {
          errors.putIfAbsent(
              field,
              "Name the ElevenLabs criterion these options stand for, or set them to neither.");
        }
        continue;
      }
      if (criterion.length() > MAX_CRITERION || !criterion.matches("[A-Za-z0-9_.\\-]+")) {
        errors.putIfAbsent(
            field,
            "A criterion id as ElevenLabs shows it: letters, digits, _ . - (at most "
                + MAX_CRITERION
                + ").");
      } else if (!results.containsValue("success") || !results.containsValue("failure")) {
        errors.putIfAbsent(
            field,
            "Say which options stand for success and which for failure (at least one each).");
      }
      mappings.put(question.id(), new Mapping(criterion, results));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    jdbc.sql(
            """
            INSERT INTO playground_review_settings (playground_id, min_call_seconds,
                                                    min_answer_seconds, revealing_names, updated_by)
            VALUES (:p, :call, :answer, :names, app_current_user_id())
            ON CONFLICT (playground_id) DO UPDATE
              SET min_call_seconds = excluded.min_call_seconds,
                  min_answer_seconds = excluded.min_answer_seconds,
                  revealing_names = excluded.revealing_names,
                  updated_by = excluded.updated_by, updated_at = now()
            """)
        .param("p", id)
        .param("call", minCall)
        .param("answer", minAnswer)
        .param("names", names.isEmpty() ? null : names.toArray(String[]::new))
        .update();
    jdbc.sql("DELETE FROM criterion_mappings WHERE playground_id = ?").param(id).update();
    mappings.forEach(
        (question, mapping) ->
            jdbc.sql(
                    """
                    INSERT INTO criterion_mappings (question_id, playground_id, criterion_id,
                                                    option_results, updated_by)
                    VALUES (?, ?, ?, ?::jsonb, app_current_user_id())
                    """)
                .params(
                    question,
                    id,
                    mapping.criterionId(),
                    json.writeValueAsString(mapping.optionResults()))
                .update());
    audit.record(
        new AuditEntry(
            "playground.review_update",
            "playground",
            id,
            id,
            values(
                before.minCallSeconds(),
                before.minAnswerSeconds(),
                before.revealingNames(),
                before.mappings()),
            values(minCall, minAnswer, names, mappings)));
  }

  private static Map<String, Object> values(
      int minCall, int minAnswer, List<String> names, Map<UUID, Mapping> mappings) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("min_call_seconds", minCall);
    values.put("min_answer_seconds", minAnswer);
    values.put("revealing_names", names);
    Map<String, Object> criteria = new HashMap<>();
    mappings.forEach(
        (question, mapping) ->
            criteria.put(
                question.toString(),
                Map.of("criterion", mapping.criterionId(), "options", mapping.optionResults())));
    values.put("criteria", criteria);
    return values;
  }

  private static Integer seconds(String text, String field, Map<String, String> errors) {
    String typed = text == null ? "" : text.strip();
    try {
      int seconds = Integer.parseInt(typed);
      if (seconds >= 0 && seconds <= MAX_SECONDS) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    errors.put(field, "A whole number of seconds from 0 to " + MAX_SECONDS + ".");
    return null;
  }

  /** One name a line; blank lines dropped, repeats (ignoring case) kept once. */
  private static List<String> names(String text, Map<String, String> errors) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    for (String line : (text == null ? "" : text).split("\\R")) {
      String name = line.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (name.length() > MAX_NAME) {
        errors.put("revealingNames", "Each name at most " + MAX_NAME + " characters.");
        return names;
      }
      if (seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
        names.add(name);
      }
    }
    if (names.size() > MAX_NAMES) {
      errors.put("revealingNames", "At most " + MAX_NAMES + " names.");
    }
    return names;
  }
}
