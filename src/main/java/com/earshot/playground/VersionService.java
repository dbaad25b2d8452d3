package com.earshot.playground;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.audit.Changes;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.StaleEditException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tuning versions made on purpose: a tuning model's name and embed code change only by a new
 * version with a note saying what changed, and every version keeps the name it had. Its limit is
 * still edited alone.
 */
@Service
public class VersionService {

  private final PlaygroundService playgrounds;
  private final ModelVersions versions;
  private final AuditLog audit;

  VersionService(PlaygroundService playgrounds, ModelVersions versions, AuditLog audit) {
    this.playgrounds = playgrounds;
    this.versions = versions;
    this.audit = audit;
  }

  /** Every version of the current admin's playground, newest first per model; else 404. */
  @Transactional(readOnly = true)
  public List<ModelVersion> history(UUID playgroundId) {
    playgrounds.get(playgroundId);
    return versions.of(playgroundId);
  }

  /**
   * Starts the tuning model's next version from a draft that passed its constraints, with its audit
   * row, in one transaction.
   *
   * @param version the model as the form was opened (its {@code updated_at})
   * @throws NotFoundException for a playground that is not a tuning one
   * @throws InvalidInputException when a ticked change is none of the known ones
   * @throws StaleEditException when the model changed since the form was opened
   */
  @Transactional
  public int newVersion(UUID playgroundId, String version, NewVersionDraft draft) {
    ModelConfiguration current = tuningModel(playgrounds.get(playgroundId));
    List<ModelVersion.Change> changes = draft.changeList();
    if (draft.getChanges() != null && changes.size() != draft.getChanges().size()) {
      throw InvalidInputException.of(
          "changes", "Tick what changed among prompt, voice, LLM, knowledge and other.");
    }
    int next = current.configurationVersion() + 1;
    UUID by = DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
    UUID modelId =
        versions.startVersion(
            playgroundId,
            current.key(),
            next,
            PlaygroundService.parseVersion(version),
            draft,
            changes,
            by);
    if (modelId == null) {
      throw new StaleEditException("model");
    }
    audit.recordChanges(
        AuditEntry.of("model.new_version")
            .on("model_configuration", modelId)
            .inPlayground(playgroundId),
        new Changes()
            .field("model_name", current.name(), draft.name())
            .field("embed_code", current.embedCode(), draft.embedCode())
            .field("configuration_version", current.configurationVersion(), next)
            .field("change_note", null, draft.note())
            .field(
                "changes",
                null,
                changes.stream().map(ModelVersion.Change::databaseValue).toList()));
    return next;
  }

  /**
   * A tuning model's limit, alone: name and embed code stay as they are ({@link LimitRules}, the
   * stale check and the audit row are the model form's).
   */
  @Transactional
  public void updateLimit(UUID playgroundId, String version, LimitDraft draft) {
    ModelConfiguration current = tuningModel(playgrounds.get(playgroundId));
    PlaygroundDraft.ModelDraft model = PlaygroundDraft.ModelDraft.of(current);
    model.setMaxEvaluations(draft.getMaxEvaluations());
    playgrounds.updateModel(playgroundId, current.key(), version, model);
  }

  /** The one model of a tuning playground; an A/B test has no such action (404). */
  static ModelConfiguration tuningModel(Playground playground) {
    if (playground.type() != PlaygroundType.TUNING) {
      throw new NotFoundException("Model");
    }
    return playground.models().stream()
        .filter(model -> Objects.equals(model.key(), ModelKey.MODEL_A))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("Model"));
  }
}
