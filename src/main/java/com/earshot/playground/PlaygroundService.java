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
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin's playgrounds: created with their models and counters, edited without overwriting a
 * colleague's change, deleted only while nobody answered, duplicated for the next round (their
 * life, draft to closed, is {@link PlaygroundLifecycle}'s). Every change writes its audit row in
 * the same transaction. The drafts it takes have passed their own constraints where they were bound
 * ({@code @Valid}); the rules that depend on what is stored are checked here, in the transaction
 * that writes.
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

  /**
   * Creates the playground of a draft that passed its constraints and {@link NewPlaygroundRules}.
   */
  @Transactional
  public UUID create(PlaygroundDraft draft) {
    PlaygroundType type = draft.type();
    List<String> access = AccessList.parse(draft.getAccess());
    UUID owner = DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
    UUID id =
        playgrounds.insertPlayground(
            owner, draft.name(), type, draft.description(), draft.supportText(), access);
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("name", draft.name());
    created.put("type", type.databaseValue());
    created.put("status", PlaygroundStatus.DRAFT.databaseValue());
    created.put("restricted_emails", access.isEmpty() ? null : access);
    List<ModelKey> keys = type.modelKeys();
    for (int i = 0; i < keys.size(); i++) {
      PlaygroundDraft.ModelDraft model = draft.getModels().get(i);
      playgrounds.insertModel(id, keys.get(i), model.name(), model.embedCode(), model.limit());
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("model_name", model.name());
      values.put("max_evaluations", model.limit());
      created.put(keys.get(i).databaseValue(), values);
    }
    audit.record(
        AuditEntry.of("playground.create")
            .on("playground", id)
            .inPlayground(id)
            .change(null, created));
    return id;
  }

  /**
   * Saves the details, unless someone changed the playground since {@code version}.
   *
   * @throws StaleEditException when someone did
   */
  @Transactional
  public void updateDetails(UUID id, String version, DetailsDraft draft) {
    Playground current = get(id);
    if (!playgrounds.updateDetails(
        id, parseVersion(version), draft.name(), draft.description(), draft.supportText())) {
      throw new StaleEditException("playground");
    }
    audit.recordChanges(
        playgroundUpdate(id),
        new Changes()
            .field("name", current.name(), draft.name())
            .field("description", current.description(), draft.description())
            .field("support_text", current.supportText(), draft.supportText()));
  }

  /**
   * How evaluations run: reservation time, a cap of rounds per tester, whether a call is needed,
   * whether an A/B test asks which agent testers prefer.
   */
  @Transactional
  public void updateSettings(UUID id, String version, SettingsDraft draft) {
    Playground current = get(id);
    Playground.Settings settings = draft.settings(current.type());
    if (!playgrounds.updateSettings(id, parseVersion(version), settings)) {
      throw new StaleEditException("playground");
    }
    Playground.Settings old = current.settings();
    audit.recordChanges(
        playgroundUpdate(id),
        new Changes()
            .field("reservation_minutes", old.reservationMinutes(), settings.reservationMinutes())
            .field("max_rounds_per_tester", old.maxRoundsPerTester(), settings.maxRoundsPerTester())
            .field("require_call", old.requireCall(), settings.requireCall())
            .field("asks_preference", old.asksPreference(), settings.asksPreference()));
  }

  @Transactional
  public void updateAccess(UUID id, String version, AccessDraft draft) {
    Playground current = get(id);
    List<String> access = draft.entries();
    if (!playgrounds.updateAccess(id, parseVersion(version), access)) {
      throw new StaleEditException("playground");
    }
    audit.recordChanges(
        playgroundUpdate(id),
        Changes.of(
            "restricted_emails", current.restrictedEmails(), access.isEmpty() ? null : access));
  }

  /**
   * Saves a model, its limit checked against the playground's type and what is submitted ({@link
   * LimitRules}).
   *
   * @throws InvalidInputException when the limit does not fit
   */
  @Transactional
  public void updateModel(UUID id, ModelKey key, String version, PlaygroundDraft.ModelDraft draft) {
    Playground playground = get(id);
    ModelConfiguration current =
        playground.model(key).orElseThrow(() -> new NotFoundException("Model"));
    InvalidInputException.check(draft, new LimitRules(playground.type(), current.submitted()));
    VersionRules.checkModelEdit(playground, current, draft);
    playground
        .model(key.other())
        .map(other -> NewPlaygroundRules.sameNameMessage(other.key(), other.name(), draft))
        .ifPresent(
            same -> {
              throw InvalidInputException.of("name", same);
            });
    UUID modelId =
        playgrounds
            .updateModel(
                id, key, parseVersion(version), draft.name(), draft.embedCode(), draft.limit())
            .orElseThrow(() -> new StaleEditException("model"));
    Changes changes =
        new Changes()
            .field("model_name", current.name(), draft.name())
            .field("embed_code", current.embedCode(), draft.embedCode())
            .field("max_evaluations", current.maxEvaluations(), draft.limit());
    if (changes.includes("model_name") || changes.includes("embed_code")) {
      changes.field(
          "configuration_version",
          current.configurationVersion(),
          current.configurationVersion() + 1);
    }
    audit.recordChanges(
        AuditEntry.of("model.update").on("model_configuration", modelId).inPlayground(id), changes);
  }

  /**
   * Deletes a playground nobody has answered yet.
   *
   * @throws PlaygroundInUseException when it has evaluations: close it instead
   * @throws PlaygroundGoneException when a concurrent delete took it first
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
    if (!playgrounds.delete(id)) {
      throw new PlaygroundGoneException(id);
    }
  }

  /** A new draft with the same settings, models and questions; no answers. */
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
          question.required(),
          Questions.Wording.of(question));
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
