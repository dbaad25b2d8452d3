package com.earshot.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.audit.AuditQueries.Change;
import com.earshot.audit.AuditQueries.Entry;
import com.earshot.audit.AuditQueries.Resources;
import com.earshot.audit.AuditSentence.Part;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each audit row says in words, from the row alone: the page's test is AuditPageTests. */
class AuditSentenceTests {

  static final UUID PLAYGROUND = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
  static final UUID RESOURCE = UUID.fromString("00000000-0000-0000-0000-0000000000bb");
  static final Resources VOICE_TEST =
      new Resources("Voice test", true, "model_b", null, null, null);

  @Test
  void shouldSayWhichFieldOfWhichModelOnWhichPlaygroundChanged() {
    Entry limit =
        entry(
            "model.update",
            "model_configuration",
            VOICE_TEST,
            new Change("max_evaluations", 50, 80));

    assertThat(text(limit)).isEqualTo("Alice changed the limit of Model B on “Voice test”");
    assertThat(limit.sentence())
        .filteredOn(Part::isLink)
        .extracting(Part::href)
        .containsExactly(
            "/manage/playgrounds/" + PLAYGROUND + "#model-model_b",
            "/manage/playgrounds/" + PLAYGROUND);
  }

  @Test
  void shouldSayANewTuningVersionOfItsModel() {
    assertThat(text(entry("model.new_version", "model_configuration", VOICE_TEST)))
        .isEqualTo("Alice made a new version of Model B on “Voice test”");
  }

  @Test
  void shouldListSeveralFieldsAndLeaveOutTheVersionTheyImply() {
    Entry renamed =
        entry(
            "model.update",
            "model_configuration",
            VOICE_TEST,
            new Change("configuration_version", 1, 2),
            new Change("embed_code", "a", "b"),
            new Change("model_name", "Heron", "Heron 2"));

    assertThat(text(renamed))
        .isEqualTo("Alice changed the embed code and name of Model B on “Voice test”");
  }

  @Test
  void shouldSayThatThePreferenceQuestionIsAskedOrNoLonger() {
    Resources playground = new Resources("Voice test", true, null, null, null, null);

    Entry on =
        entry(
            "playground.update",
            "playground",
            playground,
            new Change("asks_preference", false, true));
    Entry off =
        entry(
            "playground.update",
            "playground",
            playground,
            new Change("asks_preference", true, false));
    Entry withOthers =
        entry(
            "playground.update",
            "playground",
            playground,
            new Change("require_call", false, true),
            new Change("asks_preference", false, true));

    assertThat(text(on))
        .isEqualTo("Alice began asking testers which agent they prefer on “Voice test”");
    assertThat(text(off))
        .isEqualTo("Alice stopped asking testers which agent they prefer on “Voice test”");
    assertThat(text(withOthers))
        .isEqualTo("Alice changed the require call and preference question of “Voice test”");
  }

  @Test
  void shouldNameWhatIsGoneWithoutLinkingToIt() {
    Resources gone = new Resources("Voice test", false, null, null, "Rate the voice", null);

    Entry deleted = entry("playground.delete", "playground", gone, new Change("name", "x", null));
    Entry question = entry("question.delete", "question", gone);

    assertThat(text(deleted)).isEqualTo("Alice deleted the playground “Voice test” (deleted)");
    assertThat(text(question))
        .isEqualTo(
            "Alice deleted the question “Rate the voice” (deleted) on “Voice test” (deleted)");
    assertThat(deleted.sentence()).noneMatch(Part::isLink);
    assertThat(question.sentence()).noneMatch(Part::isLink);
  }

  @Test
  void shouldSayRoleChangesAndSecurityEventsInWords() {
    Resources bob = new Resources(null, false, null, null, null, "bob@example.com");

    assertThat(text(entry("user.role_change", "user", bob, new Change("role", "tester", "admin"))))
        .isEqualTo("Alice made bob@example.com an admin");
    assertThat(
            text(
                entry(
                    "security.access_denied",
                    null,
                    bob,
                    new Change("method", null, "GET"),
                    new Change("path", null, "/manage/audit"))))
        .isEqualTo("Alice was refused GET /manage/audit");
  }

  @Test
  void shouldStillSayAnActionItDoesNotKnowByItsName() {
    assertThat(text(entry("playground.archive", "playground", VOICE_TEST)))
        .isEqualTo("Alice — playground.archive on “Voice test”");
  }

  @Test
  void shouldSayAStudysLifeInWordsAndThatItsDateClosedIt() {
    Entry byDate = entry("playground.close", "playground", VOICE_TEST);
    Entry byNobody =
        new Entry(
            byDate.id(),
            byDate.at(),
            null,
            byDate.action(),
            byDate.resourceType(),
            byDate.resourceId(),
            byDate.playgroundId(),
            null,
            byDate.changes(),
            1,
            VOICE_TEST);

    assertThat(text(entry("playground.go_live", "playground", VOICE_TEST)))
        .isEqualTo("Alice took “Voice test” live");
    assertThat(text(entry("playground.pause", "playground", VOICE_TEST)))
        .isEqualTo("Alice paused “Voice test”");
    assertThat(text(byDate)).isEqualTo("Alice closed “Voice test”");
    assertThat(text(byNobody)).isEqualTo("Its closing date closed “Voice test”");
    assertThat(
            text(
                entry(
                    "model.widget_loaded",
                    "playground",
                    VOICE_TEST,
                    new Change("model_key", null, "model_b"))))
        .isEqualTo("Alice saw the widget of Model B load on “Voice test”");
  }

  @Test
  void shouldSayHowManyTestersWereInvitedOrReminded() {
    assertThat(
            text(
                entry(
                    "invitation.send",
                    "playground",
                    VOICE_TEST,
                    new Change("sent", null, 3),
                    new Change("not_sent_again", null, 1))))
        .isEqualTo("Alice invited 3 testers to “Voice test”");
    assertThat(
            text(entry("invitation.remind", "playground", VOICE_TEST, new Change("sent", null, 1))))
        .isEqualTo("Alice reminded 1 tester of “Voice test”");
  }

  private static Entry entry(
      String action, String resourceType, Resources resources, Change... changes) {
    return new Entry(
        UUID.randomUUID(),
        LocalDateTime.of(2026, 11, 25, 10, 0),
        "Alice",
        action,
        resourceType,
        RESOURCE,
        resources.playgroundName() == null ? null : PLAYGROUND,
        "127.0.0.1",
        List.of(changes),
        1,
        resources);
  }

  private static String text(Entry entry) {
    return entry.sentence().stream().map(Part::text).reduce("", String::concat);
  }
}
