package com.earshot.playground;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A playground with its models and questions, as its admin sees it. Times are UTC.
 *
 * @param active whether testers see it: exactly while {@code status} is live
 * @param closesAt when it closes by itself, or null
 */
public record Playground(
    UUID id,
    String name,
    PlaygroundType type,
    String description,
    String supportText,
    boolean active,
    PlaygroundStatus status,
    OffsetDateTime closesAt,
    List<String> restrictedEmails,
    LocalDateTime createdAt,
    LocalDateTime updatedAt,
    Settings settings,
    List<ModelConfiguration> models,
    List<Question> questions) {

  /**
   * How evaluations run.
   *
   * @param reservationMinutes how long an assigned session holds its slot
   * @param maxRoundsPerTester rounds one tester may do in an A/B test; null: no cap
   * @param requireCall whether the form opens only after a call with the agent was started
   * @param asksPreference whether an A/B test asks, once per round after both agents, which agent
   *     the tester would rather talk to again (never in tuning)
   */
  public record Settings(
      int reservationMinutes,
      Integer maxRoundsPerTester,
      boolean requireCall,
      boolean asksPreference) {}

  public boolean isPublic() {
    return restrictedEmails == null || restrictedEmails.isEmpty();
  }

  public Optional<ModelConfiguration> model(ModelKey key) {
    return models.stream().filter(model -> model.key() == key).findFirst();
  }

  /**
   * How the admin knows a model: "Model A" in an A/B test, "The model" in tuning, with the admin's
   * own name for it as it is now ("Model A · Warm voice"). Never shown to testers.
   */
  public String modelLabel(ModelKey key) {
    return modelLabel(key, model(key).map(ModelConfiguration::name).orElse(null));
  }

  /**
   * The same with the name the model had then (in a session's configuration version); its name as
   * it is now when that is not known (null).
   */
  public String modelLabel(ModelKey key, String nameThen) {
    String title = type == PlaygroundType.AB_TESTING ? "Model " + key.letter() : "The model";
    String name =
        nameThen != null ? nameThen : model(key).map(ModelConfiguration::name).orElse(null);
    return name == null || name.isBlank() ? title : title + " · " + name;
  }

  /** The questions a tester answers about {@code key}, in order. */
  public List<Question> questionsFor(ModelKey key) {
    return questions.stream().filter(question -> question.isAskedAbout(key)).toList();
  }

  public boolean hasAnswers() {
    return models.stream().anyMatch(model -> model.submitted() > 0)
        || questions.stream().anyMatch(question -> question.answers() > 0);
  }

  /** The allow-list as the editor shows it, one entry per line. */
  public String accessText() {
    return AccessList.format(restrictedEmails);
  }

  /** The closing date as a {@code datetime-local} field holds it (UTC), or "" without one. */
  public String closingDateField() {
    return closesAt == null
        ? ""
        : closesAt
            .withOffsetSameInstant(java.time.ZoneOffset.UTC)
            .format(PlaygroundLifecycle.CLOSING_DATE);
  }

  /** The token that detects a stale edit: the time of the last change. */
  public String version() {
    return updatedAt.toString();
  }
}
