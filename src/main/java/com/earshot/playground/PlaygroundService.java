package com.earshot.playground;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.StaleEditException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's playgrounds: created with their models and counters, edited without overwriting a
 * colleague's change, switched on and off, deleted only while nobody answered, duplicated for the
 * next round. Every change writes its audit row in the same transaction.
 */
@Service
public class PlaygroundService {

  static final int MAX_NAME = 255;
  static final int MAX_DESCRIPTION = 5_000;
  static final int MAX_LIMIT = 1_000_000;

  private final Playgrounds playgrounds;
  private final Questions questions;
  private final AuditLog audit;

  PlaygroundService(Playgrounds playgrounds, Questions questions, AuditLog audit) {
    this.playgrounds = playgrounds;
    this.questions = questions;
    this.audit = audit;
  }

  /**
   * The playground, if the current admin owns it; otherwise 404, as for one that does not exist.
   */
  @Transactional(readOnly = true)
  public Playground get(UUID id) {
    return playgrounds
        .findWithAnswerCounts(id)
        .orElseThrow(() -> new NotFoundException("Playground"));
  }

  @Transactional
  public UUID create(PlaygroundDraft draft) {
    Map<String, String> errors = new LinkedHashMap<>();
    String name = name(draft.getName(), "name", errors);
    String description = description(draft.getDescription(), errors);
    String supportText = supportText(draft.getSupportText(), errors);
    List<String> access = access(draft.getAccess(), errors);
    PlaygroundType type = draft.getType() == null ? PlaygroundType.AB_TESTING : draft.getType();
    List<ModelKey> keys = type.modelKeys();
    List<PlaygroundDraft.ModelDraft> models = draft.getModels();
    if (models.size() != keys.size()) {
      errors.put(
          "models",
          type == PlaygroundType.TUNING
              ? "A tuning playground has exactly one model."
              : "An A/B test has exactly two models, A and B.");
    }
    List<ValidModel> valid = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(models.size(), keys.size()); i++) {
      valid.add(model(models.get(i), "models[" + i + "].", type, 0, errors));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    UUID owner = DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
    UUID id =
        playgrounds.insertPlayground(owner, name, type, description, supportText, true, access);
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("name", name);
    created.put("type", type.databaseValue());
    created.put("restricted_emails", access.isEmpty() ? null : access);
    for (int i = 0; i < valid.size(); i++) {
      ValidModel model = valid.get(i);
      playgrounds.insertModel(id, keys.get(i), model.name(), model.embedCode(), model.max());
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("model_name", model.name());
      values.put("max_evaluations", model.max());
      created.put(keys.get(i).databaseValue(), values);
    }
    audit.record(
        AuditEntry.of("playground.create")
            .on("playground", id)
            .inPlayground(id)
            .change(null, created));
    return id;
  }

  @Transactional
  public void updateDetails(
      UUID id, String version, String name, String description, String supportText) {
    Playground current = get(id);
    Map<String, String> errors = new LinkedHashMap<>();
    String newName = name(name, "name", errors);
    String newDescription = description(description, errors);
    String newSupportText = supportText(supportText, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (!playgrounds.updateDetails(
        id, parseVersion(version), newName, newDescription, newSupportText)) {
      throw new StaleEditException("playground");
    }
    Changes changes = new Changes();
    changes.compare("name", current.name(), newName);
    changes.compare("description", current.description(), newDescription);
    changes.compare("support_text", current.supportText(), newSupportText);
    record(changes, "playground.update", "playground", id, id);
  }

  /**
   * How evaluations run: reservation time, a cap of rounds per tester, whether a call is needed.
   */
  @Transactional
  public void updateSettings(
      UUID id, String version, String reservationMinutes, String maxRounds, boolean requireCall) {
    Playground current = get(id);
    Map<String, String> errors = new LinkedHashMap<>();
    Integer minutes = wholeNumber(reservationMinutes, 1, 1440, "reservationMinutes", errors);
    if (minutes == null && !errors.containsKey("reservationMinutes")) {
      errors.put(
          "reservationMinutes", "How many minutes does an assigned agent wait for its tester?");
    }
    Integer rounds = wholeNumber(maxRounds, 1, 1000, "maxRounds", errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Playground.Settings settings = new Playground.Settings(minutes, rounds, requireCall);
    if (!playgrounds.updateSettings(id, parseVersion(version), settings)) {
      throw new StaleEditException("playground");
    }
    Changes changes = new Changes();
    changes.compare(
        "reservation_minutes",
        current.settings().reservationMinutes(),
        settings.reservationMinutes());
    changes.compare(
        "max_rounds_per_tester",
        current.settings().maxRoundsPerTester(),
        settings.maxRoundsPerTester());
    changes.compare("require_call", current.settings().requireCall(), settings.requireCall());
    record(changes, "playground.update", "playground", id, id);
  }

  /** A whole number in [min, max], or null when blank; otherwise an error for {@code field}. */
  private static Integer wholeNumber(
      String input, int min, int max, String field, Map<String, String> errors) {
    String text = Objects.requireNonNullElse(input, "").strip();
    if (text.isEmpty()) {
      return null;
    }
    if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
      errors.put(field, "A whole number from " + min + " to " + max + ".");
      return null;
    }
    return Integer.parseInt(text);
  }

  @Transactional
  public void updateAccess(UUID id, String version, String accessText) {
    Playground current = get(id);
    Map<String, String> errors = new LinkedHashMap<>();
    List<String> access = access(accessText, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (!playgrounds.updateAccess(id, parseVersion(version), access)) {
      throw new StaleEditException("playground");
    }
    Changes changes = new Changes();
    changes.compare(
        "restricted_emails", current.restrictedEmails(), access.isEmpty() ? null : access);
    record(changes, "playground.update", "playground", id, id);
  }

  @Transactional
  public void updateModel(UUID id, ModelKey key, String version, PlaygroundDraft.ModelDraft draft) {
    Playground playground = get(id);
    ModelConfiguration current =
        playground.model(key).orElseThrow(() -> new NotFoundException("Model"));
    Map<String, String> errors = new LinkedHashMap<>();
    ValidModel model = model(draft, "", playground.type(), current.submitted(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    UUID modelId =
        playgrounds
            .updateModel(
                id, key, parseVersion(version), model.name(), model.embedCode(), model.max())
            .orElseThrow(() -> new StaleEditException("model"));
    Changes changes = new Changes();
    changes.compare("model_name", current.name(), model.name());
    changes.compare("embed_code", current.embedCode(), model.embedCode());
    changes.compare("max_evaluations", current.maxEvaluations(), model.max());
    if (changes.touches("model_name") || changes.touches("embed_code")) {
      changes.compare(
          "configuration_version",
          current.configurationVersion(),
          current.configurationVersion() + 1);
    }
    record(changes, "model.update", "model_configuration", modelId, id);
  }

  @Transactional
  public void setActive(UUID id, boolean active) {
    Playground current = get(id);
    if (current.active() == active) {
      return;
    }
    playgrounds.setActive(id, active);
    audit.record(
        AuditEntry.of(active ? "playground.activate" : "playground.deactivate")
            .on("playground", id)
            .inPlayground(id)
            .change(Map.of("is_active", current.active()), Map.of("is_active", active)));
  }

  /**
   * Deletes a playground nobody has answered yet.
   *
   * @throws PlaygroundInUseException when it has evaluations: deactivate it instead
   */
  @Transactional
  public void delete(UUID id) {
    Playground current = get(id);
    if (playgrounds.answerCount(id) > 0 || playgrounds.sessionCount(id) > 0) {
      throw new PlaygroundInUseException();
    }
    audit.record(
        AuditEntry.of("playground.delete")
            .on("playground", id)
            .inPlayground(id)
            .change(Map.of("name", current.name(), "type", current.type().databaseValue()), null));
    playgrounds.delete(id);
  }

  /** A new, inactive playground with the same settings, models and questions; no answers. */
  @Transactional
  public UUID duplicate(UUID id) {
    Playground source = get(id);
    UUID owner = DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
    String name = copyName(source.name());
    UUID copy =
        playgrounds.insertPlayground(
            owner,
            name,
            source.type(),
            source.description(),
            source.supportText(),
            false,
            source.restrictedEmails());
    playgrounds.copySettings(id, copy);
    for (ModelConfiguration model : source.models()) {
      playgrounds.insertModel(
          copy, model.key(), model.name(), model.embedCode(), model.maxEvaluations());
    }
    for (Question question : source.questions()) {
      questions.insertQuestion(
          copy,
          question.modelKey(),
          question.text(),
          question.type(),
          question.options(),
          question.required());
    }
    audit.record(
        AuditEntry.of("playground.duplicate")
            .on("playground", copy)
            .inPlayground(copy)
            .change(Map.of("source_id", id.toString()), Map.of("name", name)));
    return copy;
  }

  private static String copyName(String name) {
    String copy = "Copy of " + name;
    return copy.length() <= MAX_NAME ? copy : copy.substring(0, MAX_NAME);
  }

  private void record(Changes changes, String action, String type, UUID resource, UUID playground) {
    if (!changes.isEmpty()) {
      audit.record(
          AuditEntry.of(action)
              .on(type, resource)
              .inPlayground(playground)
              .change(changes.before, changes.after));
    }
  }

  // --- validation, shared by create and edit -------------------------------------------------

  record ValidModel(String name, String embedCode, Integer max) {}

  private static ValidModel model(
      PlaygroundDraft.ModelDraft draft,
      String prefix,
      PlaygroundType type,
      int submitted,
      Map<String, String> errors) {
    String name = Objects.requireNonNullElse(draft.getName(), "").strip();
    if (name.isEmpty()) {
      errors.put(
          prefix + "name", "Give the model a name you will recognise (testers never see it).");
    } else if (name.length() > MAX_NAME) {
      errors.put(prefix + "name", "At most " + MAX_NAME + " characters.");
    }
    String embedCode = Objects.requireNonNullElse(draft.getEmbedCode(), "").strip();
    try {
      EmbedCodeParser.parse(embedCode);
    } catch (InvalidEmbedCodeException e) {
      errors.put(prefix + "embedCode", e.getMessage());
    }
    Integer max = null;
    String limit = Objects.requireNonNullElse(draft.getMaxEvaluations(), "").strip();
    if (limit.isEmpty()) {
      if (type == PlaygroundType.AB_TESTING) {
        errors.put(prefix + "maxEvaluations", "How many evaluations should this model get?");
      }
    } else if (!limit.matches("\\d{1,9}") || Integer.parseInt(limit) < 1) {
      errors.put(prefix + "maxEvaluations", "A whole number of at least 1.");
    } else if (Integer.parseInt(limit) > MAX_LIMIT) {
      errors.put(prefix + "maxEvaluations", "At most " + MAX_LIMIT + ".");
    } else if (Integer.parseInt(limit) < submitted) {
      errors.put(
          prefix + "maxEvaluations",
          submitted + " evaluations are already submitted: the limit cannot be lower.");
    } else {
      max = Integer.parseInt(limit);
    }
    return new ValidModel(name, embedCode, max);
  }

  static String name(String input, String field, Map<String, String> errors) {
    String name = Objects.requireNonNullElse(input, "").strip();
    if (name.isEmpty()) {
      errors.put(field, "A name is required.");
    } else if (name.length() > MAX_NAME) {
      errors.put(field, "At most " + MAX_NAME + " characters (this has " + name.length() + ").");
    }
    return name;
  }

  private static String description(String input, Map<String, String> errors) {
    String description = Objects.requireNonNullElse(input, "").strip();
    if (description.length() > MAX_DESCRIPTION) {
      errors.put("description", "At most " + MAX_DESCRIPTION + " characters.");
    }
    return description.isEmpty() ? null : description;
  }

  private static String supportText(String input, Map<String, String> errors) {
    if (input != null && input.length() > SupportText.MAX_LENGTH) {
      errors.put("supportText", "At most " + SupportText.MAX_LENGTH + " characters.");
      return null;
    }
    return SupportText.sanitize(input);
  }

  private static List<String> access(String input, Map<String, String> errors) {
    try {
      return AccessList.parse(input);
    } catch (InvalidAccessListException e) {
      errors.put("access", e.getMessage());
      return List.of();
    }
  }

  /**
   * The version the form was opened at (the playground's {@code updated_at}). Anything else, a time
   * beyond PostgreSQL's timestamps included (the years 1 to 9999 are enough), is not this version.
   */
  static LocalDateTime parseVersion(String version) {
    try {
      LocalDateTime parsed = LocalDateTime.parse(version);
      if (parsed.getYear() >= 1 && parsed.getYear() <= 9999) {
        return parsed;
      }
    } catch (DateTimeParseException | NullPointerException e) {
      // not a version either
    }
    throw new StaleEditException("playground");
  }

  /** Old and new values of the fields that changed, for the audit log. */
  static final class Changes {
    final Map<String, Object> before = new HashMap<>();
    final Map<String, Object> after = new HashMap<>();

    void compare(String field, Object oldValue, Object newValue) {
      if (!Objects.equals(oldValue, newValue)) {
        before.put(field, oldValue);
        after.put(field, newValue);
      }
    }

    boolean touches(String field) {
      return after.containsKey(field);
    }

    boolean isEmpty() {
      return after.isEmpty();
    }
  }
}
