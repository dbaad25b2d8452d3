package com.earshot.audit;

import com.earshot.audit.AuditQueries.Change;
import com.earshot.audit.AuditQueries.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an audit row says, in words: "ann@example.com changed the limit of Model B on “Voice test”".
 * Its parts are text, or a link to the resource; a playground or question that no longer exists is
 * named with "(deleted)" instead of a link to a page that is gone. An action this class does not
 * know yet is still said, by its dotted name.
 */
final class AuditSentence {

  /** A piece of the sentence; with {@code href}, a link. Rendered as text, never as markup. */
  record Part(String text, String href) {

    static Part text(String text) {
      return new Part(text, null);
    }

    public boolean isLink() {
      return href != null;
    }
  }

  /** How fields read in a sentence; any other field reads as its name with spaces. */
  private static final Map<String, String> FIELDS =
      Map.ofEntries(
          Map.entry("max_evaluations", "limit"),
          Map.entry("model_name", "name"),
          Map.entry("embed_code", "embed code"),
          Map.entry("restricted_emails", "access list"),
          Map.entry("support_text", "support text"),
          Map.entry("question_text", "wording"),
          Map.entry("question_type", "type"),
          Map.entry("model_key", "model"),
          Map.entry("is_active", "status"),
          Map.entry("asks_preference", "preference question"),
          Map.entry("full_name", "name"));

  /** Follows from another change (a new configuration version), so not said on its own. */
  private static final List<String> IMPLIED = List.of("configuration_version");

  private final Entry entry;
  private final List<Part> parts = new ArrayList<>();

  private AuditSentence(Entry entry) {
    this.entry = entry;
  }

  static List<Part> of(Entry entry) {
    return new AuditSentence(entry).say();
  }

  private List<Part> say() {
    String actor = entry.actor() != null ? entry.actor() : "Someone";
    switch (entry.action()) {
      case "playground.create" -> words(actor + " created the playground ").playground();
      case "playground.update" -> {
        if (onlyChange("asks_preference")) {
          words(
                  actor
                      + ("true".equals(value("asks_preference"))
                          ? " began asking testers which agent they prefer on "
                          : " stopped asking testers which agent they prefer on "))
              .playground();
        } else {
          words(actor + " changed the " + fields() + " of ").playground();
        }
      }
      case "playground.activate" -> words(actor + " activated ").playground();
      case "playground.deactivate" -> words(actor + " deactivated ").playground();
      case "playground.go_live" -> words(actor + " took ").playground().words(" live");
      case "playground.pause" -> words(actor + " paused ").playground();
      case "playground.resume" -> words(actor + " resumed ").playground();
      case "playground.close" ->
          words(entry.actor() == null ? "Its closing date closed " : actor + " closed ")
              .playground();
      case "model.widget_loaded" ->
          words(actor + " saw the widget of " + modelOf(value("model_key")) + " load on ")
              .playground();
      case "playground.delete" -> words(actor + " deleted the playground ").playground();
      case "playground.duplicate" -> words(actor + " made ").playground().words(" as a copy");
      case "playground.export" -> words(actor + " downloaded " + export() + " of ").playground();
      case "playground.api_key_set" ->
          words(actor + " set the ElevenLabs API key of ").playground();
      case "playground.api_key_removed" ->
          words(actor + " removed the ElevenLabs API key of ").playground();
      case "model.update" ->
          words(actor + " changed the " + fields() + " of ").model().words(" on ").playground();
      case "playground.review_update" ->
          words(actor + " changed what should not count in ").playground();
      case "playground.plan_update" ->
          words(actor + " changed the primary measure or planned size of ").playground();
      case "session.exclude" ->
          words(actor + " left ")
              .session()
              .words(" of ")
              .playground()
              .words(" out of the statistics");
      case "session.include" ->
          words(actor + " counted ").session().words(" of ").playground().words(" after all");
      case "invitation.send" ->
          words(actor + " invited " + count("sent", "tester") + " to ").playground();
      case "invitation.send_access_list" ->
          words(actor + " invited " + count("sent", "tester") + " on the access list of ")
              .playground();
      case "invitation.remind" ->
          words(actor + " reminded " + count("sent", "tester") + " of ").playground();
      case "invitation.rate_limited" ->
          words(actor + " was stopped from sending more invitations for a while");
      case "model.new_version" ->
          words(actor + " made a new version of ").model().words(" on ").playground();
      case "question.create" -> words(actor + " added the question ").question().inPlayground();
      case "question.update" ->
          words(actor + " changed the " + fields() + " of the question ").question().inPlayground();
      case "question.delete" -> words(actor + " deleted the question ").question().inPlayground();
      case "question.reorder" -> words(actor + " reordered the questions of ").playground();
      case "user.create" -> words("The account of ").user().words(" was created");
      case "user.role_change" -> words(actor + " made ").user().words(" " + role());
      case "user.rename" -> words(actor + " changed their name");
      case "sign_in.link_requested" -> words("A sign-in link was requested for " + value("email"));
      case "sign_in.succeeded" -> words(actor + " signed in");
      case "sign_in.signed_out" -> words(actor + " signed out");
      case "sign_in.failed" -> words("A sign-in failed");
      case "sign_in.rate_limited" ->
          words("Too many sign-in links asked for " + value("email") + ": refused");
      case "sign_in.redemption_rate_limited" ->
          words("Too many sign-in attempts from one address: refused");
      case "security.access_denied" ->
          words(actor + " was refused " + value("method") + " " + value("path"));
      case "security.csrf_rejected" ->
          words(
              "A form without its security token was refused: "
                  + value("method")
                  + " "
                  + value("path"));
      case "security.webhook_signature_refused" ->
          words("A webhook whose signature did not match was refused");
      default -> {
        words(actor + " — " + entry.action());
        if (entry.playgroundId() != null) {
          words(" on ").playground();
        }
      }
    }
    return List.copyOf(parts);
  }

  private AuditSentence words(String text) {
    parts.add(Part.text(text));
    return this;
  }

  private AuditSentence playground() {
    return named(
        entry.playgroundName(),
        entry.playgroundExists() ? "/manage/playgrounds/" + entry.playgroundId() : null,
        "a playground");
  }

  private AuditSentence inPlayground() {
    return entry.playgroundId() == null ? this : words(" on ").playground();
  }

  private AuditSentence model() {
    String model = entry.subjectName() != null ? entry.subjectName() : "a model";
    if (entry.subjectExists() && entry.playgroundExists()) {
      parts.add(
          new Part(model, "/manage/playgrounds/" + entry.playgroundId() + "#" + entry.anchor()));
      return this;
    }
    return words(model);
  }

  private AuditSentence question() {
    return named(
        entry.subjectName(),
        entry.subjectExists() && entry.playgroundExists()
            ? "/manage/playgrounds/" + entry.playgroundId() + "#questions"
            : null,
        "a question");
  }

  private AuditSentence session() {
    if (entry.playgroundExists() && entry.resourceId() != null) {
      parts.add(
          new Part(
              "a session",
              "/manage/playgrounds/" + entry.playgroundId() + "/sessions/" + entry.resourceId()));
      return this;
    }
    return words("a session");
  }

  private AuditSentence user() {
    String email = entry.subjectName() != null ? entry.subjectName() : value("email");
    return email.isEmpty() ? words("someone") : words(email);
  }

  /** “Name” linked where it is; “Name” (deleted) where it was; {@code unknown} when nameless. */
  private AuditSentence named(String name, String href, String unknown) {
    String quoted = name == null ? unknown : "“" + name + "”";
    if (href != null) {
      parts.add(new Part(quoted, href));
      return this;
    }
    return words(quoted + " (deleted)");
  }

  /** "limit", "name and embed code", "name, embed code and limit" */
  private String fields() {
    List<String> names =
        entry.changes().stream()
            .map(Change::field)
            .filter(field -> !IMPLIED.contains(field))
            .map(field -> FIELDS.getOrDefault(field, field.replace('_', ' ')))
            .distinct()
            .toList();
    if (names.isEmpty()) {
      return "settings";
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  /** Whether {@code field} is all the row changed. */
  private boolean onlyChange(String field) {
    return entry.changes().size() == 1 && entry.changes().get(0).field().equals(field);
  }

  /** "1 tester", "3 testers": the number in {@code field}. */
  private String count(String field, String noun) {
    String n = value(field);
    return (n.isEmpty() ? "some" : n) + " " + noun + ("1".equals(n) ? "" : "s");
  }

  /** "Model B" for model_b; "a model" for a key the row does not carry (or not one of ours). */
  static String modelOf(String modelKey) {
    return modelKey != null && modelKey.startsWith("model_")
        ? "Model " + modelKey.substring("model_".length()).toUpperCase(java.util.Locale.ROOT)
        : "a model";
  }

  private String role() {
    return "admin".equals(value("role")) ? "an admin" : "a tester";
  }

  private String export() {
    String shape =
        switch (value("shape")) {
          case "sessions" -> "the sessions";
          case "preferences" -> "the preferences";
          default -> "the answers";
        };
    String format = value("format");
    return format.isEmpty()
        ? shape
        : shape + " (" + format.toUpperCase(java.util.Locale.ROOT) + ")";
  }

  /** A field's new value (else its old one) as text; empty when the row has none. */
  private String value(String field) {
    return entry.changes().stream()
        .filter(change -> change.field().equals(field))
        .map(change -> change.after() != null ? change.after() : change.before())
        .filter(Objects::nonNull)
        .map(String::valueOf)
        .findFirst()
        .orElse("");
  }
}
