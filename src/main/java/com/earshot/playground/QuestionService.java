package com.earshot.playground;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.audit.Changes;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The questions of a playground's form. A question that has answers keeps its type, the model it is
 * asked about and its option values, and cannot be deleted; its wording and labels may change. The
 * drafts it takes have passed their own constraints; {@link QuestionRules} are checked here.
 */
@Service
public class QuestionService {

  static final int MAX_TEXT = 2_000;
  static final int MAX_OPTION = 255;
  static final int MIN_OPTIONS = 2;
  static final int MAX_OPTIONS = 50;
  static final int MAX_SCALE_LABEL = 60;
  static final int MAX_HELP = 500;

  private final PlaygroundService playgrounds;
  private final Questions repository;
  private final AuditLog audit;

  QuestionService(PlaygroundService playgrounds, Questions repository, AuditLog audit) {
    this.playgrounds = playgrounds;
    this.repository = repository;
    this.audit = audit;
  }

  /**
   * Adds the question of a draft that passed its constraints.
   *
   * @throws InvalidInputException when it does not fit the playground ({@link QuestionRules})
   */
  @Transactional
  public UUID add(UUID playgroundId, QuestionDraft draft) {
    Playground playground = playgrounds.get(playgroundId);
    InvalidInputException.check(draft, new QuestionRules(playground, null));
    Valid valid = Valid.of(draft);
    UUID id =
        repository.insertQuestion(
            playgroundId,
            valid.modelKey(),
            valid.text(),
            valid.type(),
            valid.options(),
            valid.required(),
            valid.wording());
    repository.touch(playgroundId);
    audit.record(
        AuditEntry.of("question.create")
            .on("question", id)
            .inPlayground(playgroundId)
            .change(null, valid.auditValues()));
    return id;
  }

  /**
   * Saves a question from a draft that passed its constraints.
   *
   * @throws InvalidInputException when it does not fit the playground or its answers ({@link
   *     QuestionRules})
   */
  @Transactional
  public void update(UUID playgroundId, UUID questionId, QuestionDraft draft) {
    Playground playground = playgrounds.get(playgroundId);
    Question current = find(playground, questionId);
    InvalidInputException.check(draft, new QuestionRules(playground, current));
    Valid valid = Valid.of(draft);
    repository.updateQuestion(
        playgroundId,
        questionId,
        valid.modelKey(),
        valid.text(),
        valid.type(),
        valid.options(),
        valid.required(),
        valid.wording());
    repository.touch(playgroundId);
    audit.recordChanges(
        AuditEntry.of("question.update").on("question", questionId).inPlayground(playgroundId),
        Changes.between(Valid.of(current).auditValues(), valid.auditValues()));
  }

  @Transactional
  public void delete(UUID playgroundId, UUID questionId) {
    Playground playground = playgrounds.get(playgroundId);
    Question current = find(playground, questionId);
    if (current.hasAnswers()) {
      throw InvalidInputException.of(
          "question",
          "This question has "
              + current.answers()
              + " answers, so it stays: answers are never thrown away. You can still reword it.");
    }
    repository.deleteQuestion(playgroundId, questionId);
    repository.touch(playgroundId);
    audit.record(
        AuditEntry.of("question.delete")
            .on("question", questionId)
            .inPlayground(playgroundId)
            .change(Valid.of(current).auditValues(), null));
  }

  /** Moves a question one place up (-1) or down (+1): the keyboard's way to reorder. */
  @Transactional
  public void move(UUID playgroundId, UUID questionId, int direction) {
    Playground playground = playgrounds.get(playgroundId);
    List<UUID> order = new ArrayList<>(playground.questions().stream().map(Question::id).toList());
    int from = order.indexOf(questionId);
    if (from < 0) {
      throw new NotFoundException("Question");
    }
    int to = Math.max(0, Math.min(order.size() - 1, from + Integer.signum(direction)));
    order.add(to, order.remove(from));
    reorder(playground, order);
  }

  /** Puts the questions in the given order (drag and drop); the list must name each once. */
  @Transactional
  public void reorder(UUID playgroundId, List<UUID> order) {
    reorder(playgrounds.get(playgroundId), order);
  }

  private void reorder(Playground playground, List<UUID> order) {
    List<UUID> current = playground.questions().stream().map(Question::id).toList();
    if (order.size() != current.size() || !new HashSet<>(order).equals(new HashSet<>(current))) {
      throw InvalidInputException.of(
          "order", "The questions changed meanwhile. Reload the page and reorder again.");
    }
    if (order.equals(current)) {
      return;
    }
    repository.setOrder(playground.id(), order);
    repository.touch(playground.id());
    audit.record(
        AuditEntry.of("question.reorder")
            .on("playground", playground.id())
            .inPlayground(playground.id())
            .change(
                Map.of("order", current.stream().map(UUID::toString).toList()),
                Map.of("order", order.stream().map(UUID::toString).toList())));
  }

  private static Question find(Playground playground, UUID questionId) {
    return playground.questions().stream()
        .filter(question -> question.id().equals(questionId))
        .findFirst()
        .orElseThrow(() -> new NotFoundException("Question"));
  }

  record Valid(
      String text,
      QuestionType type,
      ModelKey modelKey,
      boolean required,
      List<Question.Option> options,
      Questions.Wording wording) {

    static Valid of(QuestionDraft draft) {
      return new Valid(
          draft.text(),
          draft.questionType(),
          draft.modelKey(),
          draft.isRequired(),
          draft.options(),
          draft.wording());
    }

    static Valid of(Question question) {
      return new Valid(
          question.text(),
          question.type(),
          question.modelKey(),
          question.required(),
          question.options(),
          Questions.Wording.of(question));
    }

    Map<String, Object> auditValues() {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("question_text", text);
      values.put("question_type", type.databaseValue());
      values.put("model_key", modelKey == null ? null : modelKey.databaseValue());
      values.put("required", required);
      values.put("options", type == QuestionType.SELECT ? options : null);
      values.put("scale_low_label", wording.scaleLow());
      values.put("scale_high_label", wording.scaleHigh());
      values.put("help_text", wording.helpText());
      return values;
    }
  }
}
