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
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The questions of a playground's form. A question that has answers keeps its type, the model it is
 * asked about and its option values, and cannot be deleted; its wording and labels may change.
 */
@Service
public class QuestionService {

  static final int MAX_TEXT = 2_000;
  static final int MAX_OPTION = 255;
  static final int MIN_OPTIONS = 2;
  static final int MAX_OPTIONS = 50;

  private final PlaygroundService playgrounds;
  private final PlaygroundRepository repository;
  private final AuditLog audit;

  QuestionService(PlaygroundService playgrounds, PlaygroundRepository repository, AuditLog audit) {
    this.playgrounds = playgrounds;
    this.repository = repository;
    this.audit = audit;
  }

  @Transactional
  public UUID add(UUID playgroundId, QuestionDraft draft) {
    Playground playground = playgrounds.get(playgroundId);
    Valid valid = validate(playground, draft, null);
    UUID id =
        repository.insertQuestion(
            playgroundId,
            valid.modelKey(),
            valid.text(),
            valid.type(),
            valid.options(),
            valid.required());
    repository.touch(playgroundId);
    audit.record(
        AuditEntry.of("question.create")
            .on("question", id)
            .inPlayground(playgroundId)
            .change(null, valid.auditValues()));
    return id;
  }

  @Transactional
  public void update(UUID playgroundId, UUID questionId, QuestionDraft draft) {
    Playground playground = playgrounds.get(playgroundId);
    Question current = find(playground, questionId);
    Valid valid = validate(playground, draft, current);
    repository.updateQuestion(
        playgroundId,
        questionId,
        valid.modelKey(),
        valid.text(),
        valid.type(),
        valid.options(),
        valid.required());
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
      List<Question.Option> options) {

    static Valid of(Question question) {
      return new Valid(
          question.text(),
          question.type(),
          question.modelKey(),
          question.required(),
          question.options());
    }

    Map<String, Object> auditValues() {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("question_text", text);
      values.put("question_type", type.databaseValue());
      values.put("model_key", modelKey == null ? null : modelKey.databaseValue());
      values.put("required", required);
      values.put("options", type == QuestionType.SELECT ? options : null);
      return values;
    }
  }

  /** Checks a draft against the rules; {@code current} is the question being edited, if any. */
  static Valid validate(Playground playground, QuestionDraft draft, Question current) {
    Map<String, String> errors = new LinkedHashMap<>();
    String text = Objects.requireNonNullElse(draft.getText(), "").strip();
    if (text.isEmpty()) {
      errors.put("text", "Write the question.");
    } else if (text.length() > MAX_TEXT) {
      errors.put("text", "At most " + MAX_TEXT + " characters.");
    }
    QuestionType type = null;
    for (QuestionType candidate : QuestionType.values()) {
      if (candidate.databaseValue().equals(draft.getType())) {
        type = candidate;
      }
    }
    if (type == null) {
      errors.put("type", "Choose how it is answered: choice, free text or rating.");
    }
    ModelKey modelKey = null;
    String askedAbout = Objects.requireNonNullElse(draft.getAskedAbout(), "both");
    if (!askedAbout.equals("both")) {
      if (playground.type() == PlaygroundType.TUNING) {
        errors.put("askedAbout", "A tuning playground has one model: its questions are about it.");
      } else if (askedAbout.equals("model_a") || askedAbout.equals("model_b")) {
        modelKey = ModelKey.fromDatabase(askedAbout);
      } else {
        errors.put("askedAbout", "Choose model A, model B or both.");
      }
    }
    List<Question.Option> options = List.of();
    if (type == QuestionType.SELECT) {
      options = options(draft.getOptions(), errors);
    }
    if (current != null && current.hasAnswers()) {
      String frozen = "This question has " + current.answers() + " answers, so this cannot change.";
      if (type != null && type != current.type()) {
        errors.put("type", frozen);
      }
      if (!Objects.equals(modelKey, current.modelKey()) && !errors.containsKey("askedAbout")) {
        errors.put("askedAbout", frozen);
      }
      if (type == QuestionType.SELECT && !errors.containsKey("options")) {
        Set<String> values = new HashSet<>(options.stream().map(Question.Option::value).toList());
        List<String> missing =
            current.options().stream()
                .map(Question.Option::value)
                .filter(value -> !values.contains(value))
                .toList();
        if (!missing.isEmpty()) {
          errors.put(
              "options",
              "Answers use the option values "
                  + String.join(", ", missing)
                  + ": keep them (you may change their labels and add new options).");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new Valid(text, type, modelKey, draft.isRequired(), options);
  }

  private static List<Question.Option> options(
      List<QuestionDraft.OptionDraft> drafts, Map<String, String> errors) {
    List<Question.Option> options = new ArrayList<>();
    Set<String> values = new HashSet<>();
    for (QuestionDraft.OptionDraft draft :
        drafts == null ? List.<QuestionDraft.OptionDraft>of() : drafts) {
      String label = Objects.requireNonNullElse(draft.getLabel(), "").strip();
      String value = Objects.requireNonNullElse(draft.getValue(), "").strip();
      if (label.isEmpty() && value.isEmpty()) {
        continue;
      }
      if (value.isEmpty()) {
        errors.put(
            "options", "Each option needs a value (what is stored); \"" + label + "\" has none.");
      }
      if (label.isEmpty()) {
        label = value;
      }
      if (label.length() > MAX_OPTION || value.length() > MAX_OPTION) {
        errors.put(
            "options", "Option labels and values are at most " + MAX_OPTION + " characters.");
      } else if (!value.isEmpty() && !values.add(value)) {
        errors.put("options", "Each option needs its own value; \"" + value + "\" is there twice.");
      }
      options.add(new Question.Option(label, value));
    }
    if (!errors.containsKey("options") && options.size() < MIN_OPTIONS) {
      errors.put("options", "A choice needs at least " + MIN_OPTIONS + " options.");
    } else if (!errors.containsKey("options") && options.size() > MAX_OPTIONS) {
      errors.put("options", "At most " + MAX_OPTIONS + " options.");
    }
    return options;
  }
}
