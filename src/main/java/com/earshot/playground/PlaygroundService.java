package com.earshot.playground;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.audit.Changes;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.StaleEditException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
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

  private final PlaygroundRepository playgrounds;
  private final AuditLog audit;

  PlaygroundService(PlaygroundRepository playgrounds, AuditLog audit) {
    this.playgrounds = playgrounds;
    this.audit = audit;
  }

  @Transactional(readOnly = true)
  public List<PlaygroundSummary> mine() {
    return playgrounds.summaries();
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
    audit.recordChanges(
        playgroundUpdate(id),
        new Changes()
            .field("name", current.name(), newName)
            .field("description", current.description(), newDescription)
            .field("support_text", current.supportText(), newSupportText));
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
    Playground.Settings old = current.settings();
    audit.recordChanges(
        playgroundUpdate(id),
        new Changes()
            .field("reservation_minutes", old.reservationMinutes(), settings.reservationMinutes())
            .field("max_rounds_per_tester", old.maxRoundsPerTester(), settings.maxRoundsPerTester())
            .field("require_call", old.requireCall(), settings.requireCall()));
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
    audit.recordChanges(
        playgroundUpdate(id),
        Changes.of(
            "restricted_emails", current.restrictedEmails(), access.isEmpty() ? null : access));
  }

  @Transactional
  public void updateModel(UUID id, ModelKey key, String version, PlaygroundDraft.ModelDraft draft) {
    Playground playground = get(id);
    Model current = playground.model(key).orElseThrow(() -> new NotFoundException("Model"));
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
    Changes changes =
        new Changes()
            .field("model_name", current.name(), model.name())
            .field("embed_code", current.embedCode(), model.embedCode())
            .field("max_evaluations", current.maxEvaluations(), model.max());
    if (changes.includes("model_name") || changes.includes("embed_code")) {
      changes.field(
          "configuration_version",
          current.configurationVersion(),
          current.configurationVersion() + 1);
    }
    audit.recordChanges(
        AuditEntry.of("model.update").on("model_configuration", modelId).inPlayground(id), changes);
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
    for (Model model : source.models()) {
      playgrounds.insertModel(
          copy, model.key(), model.name(), model.embedCode(), model.maxEvaluations());
    }
    for (Question question : source.questions()) {
      playgrounds.insertQuestion(
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

  private static AuditEntry playgroundUpdate(UUID id) {
    return AuditEntry.of("playground.update").on("playground", id).inPlayground(id);
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
}
