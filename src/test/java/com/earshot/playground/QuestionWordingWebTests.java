package com.earshot.playground;

import static com.earshot.support.Pages.errorAt;
import static com.earshot.support.Pages.location;
import static com.earshot.support.Pages.page;
import static com.earshot.support.Pages.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Questions that fit the study (issue 15 §6): the words at both ends of a rating's scale and a help
 * text under any question, from the builder to the tester's form, checked at their fields.
 */
@EarshotTest
class QuestionWordingWebTests {

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  @Test
  void shouldShowTestersTheScaleWordsAndTheHelpTheAdminWrote() {
    Person admin = world.admin("wording");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    MvcTestResult added =
        add(
            admin,
            id,
            rating(
                "How easy was it to book?",
                " very hard ",
                "very easy",
                "Think of <b>the booking</b> only."));

    assertThat(added).hasStatus(HttpStatus.FOUND);
    Map<String, Object> row =
        world
            .db
            .sql(
                "SELECT id, scale_low_label, scale_high_label, help_text FROM questions WHERE playground_id = ?")
            .param(id)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("scale_low_label", "very hard")
        .containsEntry("scale_high_label", "very easy")
        .containsEntry("help_text", "Think of <b>the booking</b> only.");
    AuditRow audit = world.auditBy(admin).get(0);
    assertThat(audit.newValues())
        .containsEntry("scale_low_label", "very hard")
        .containsEntry("scale_high_label", "very easy")
        .containsEntry("help_text", "Think of <b>the booking</b> only.");

    Element question = testerForm(id).selectFirst("fieldset.question");
    assertThat(question.select(".rating-ends span").eachText())
        .containsExactly("1 very hard", "5 very easy");
    assertThat(question.select("label[for$=-1]").attr("aria-label"))
        .isEqualTo("1 of 5 (very hard)");
    assertThat(question.select("label[for$=-5]").attr("aria-label"))
        .isEqualTo("5 of 5 (very easy)");
    Element help = question.selectFirst(".question-help");
    assertThat(help.text()).isEqualTo("Think of <b>the booking</b> only.");
    assertThat(help.select("b")).as("plain text, escaped").isEmpty();
    assertThat(question.attr("aria-describedby")).isEqualTo(help.id());

    MvcTestResult insights =
        mvc.get().uri("/manage/playgrounds/{id}/insights", id).with(admin.signedIn()).exchange();
    assertThat(insights).hasStatusOk();
  }

  @Test
  void shouldKeepPoorAndExcellentForTheRatingsThatExistAndNoneForOtherTypes() {
    Person admin = world.admin("wording-defaults");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);
    world.fixtures.question(id, null, "rating", null);

    Element question = testerForm(id).selectFirst("fieldset.question");
    assertThat(question.select(".rating-ends span").eachText())
        .containsExactly("1 poor", "5 excellent");
    assertThat(question.hasAttr("aria-describedby")).isFalse();

    MultiValueMap<String, String> text = rating("Anything else?", "low", "high", "");
    text.set("type", "input_string");
    assertThat(add(admin, id, text)).hasStatus(HttpStatus.FOUND);
    assertThat(
            world
                .db
                .sql(
                    "SELECT count(*) FROM questions WHERE playground_id = ? AND question_type = 'input_string'"
                        + " AND scale_low_label IS NULL AND scale_high_label IS NULL AND help_text IS NULL")
                .param(id)
                .query(Long.class)
                .single())
        .isOne();
  }

  @Test
  void shouldRefuseMissingOrOverlongWordsAtTheirFieldsKeepingWhatWasTyped() {
    Person admin = world.admin("wording-bad");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    MvcTestResult blank = add(admin, id, rating("Clear?", "  ", "very clear", "Some help"));
    assertThat(blank).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(blank);
    assertThat(errorAt(page, "new-scaleLow")).startsWith("Write the words testers read at 1");
    assertThat(valueOf(page, "new-scaleHigh")).isEqualTo("very clear");
    assertThat(valueOf(page, "new-helpText")).isEqualTo("Some help");
    assertThat(valueOf(page, "new-text")).isEqualTo("Clear?");

    MvcTestResult longWords =
        add(admin, id, rating("Clear?", "x".repeat(61), "ok", "h".repeat(501)));
    assertThat(longWords).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(errorAt(page(longWords), "new-scaleLow")).isEqualTo("At most 60 characters.");
    assertThat(errorAt(page(longWords), "new-helpText")).isEqualTo("At most 500 characters.");
    assertThat(valueOf(page(longWords), "new-scaleLow")).isEqualTo("x".repeat(61));

    assertThat(world.questionIds(id)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldLetTheWordsOfAnAnsweredRatingChangeAndAuditIt() {
    Person admin = world.admin("wording-answered");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);
    UUID question = world.fixtures.question(id, null, "rating", null);
    world.answered(id, question, "model_a", 4);

    MvcTestResult saved =
        mvc.post()
            .uri("/manage/playgrounds/{id}/questions/{q}", id, question)
            .params(
                rating("Question rating", "very slow", "very quick", "Count from your first word."))
            .with(admin.signedIn())
            .with(csrf())
            .exchange();

    assertThat(saved).hasStatus(HttpStatus.FOUND);
    AuditRow audit = world.auditBy(admin).get(0);
    assertThat(audit.action()).isEqualTo("question.update");
    assertThat(audit.oldValues())
        .containsEntry("scale_low_label", "poor")
        .containsEntry("scale_high_label", "excellent")
        .containsEntry("help_text", null)
        .doesNotContainKeys("question_text", "question_type");
    assertThat(audit.newValues())
        .containsEntry("scale_low_label", "very slow")
        .containsEntry("scale_high_label", "very quick")
        .containsEntry("help_text", "Count from your first word.");
    MvcTestResult editor =
        mvc.get().uri("/manage/playgrounds/{id}", id).with(admin.signedIn()).exchange();
    assertThat(valueOf(page(editor), "q1-scaleLow")).isEqualTo("very slow");
  }

  private Document testerForm(UUID playground) {
    Person tester = world.tester("wording-tester");
    MvcTestResult started =
        mvc.post()
            .uri("/playgrounds/{id}/start", playground)
            .with(csrf())
            .with(tester.signedIn())
            .exchange();
    assertThat(started).hasStatus(HttpStatus.FOUND);
    MvcTestResult session = mvc.get().uri(location(started)).with(tester.signedIn()).exchange();
    assertThat(session).hasStatusOk();
    return page(session);
  }

  private MvcTestResult add(Person admin, UUID id, MultiValueMap<String, String> form) {
    return mvc.post()
        .uri("/manage/playgrounds/{id}/questions", id)
        .params(form)
        .with(admin.signedIn())
        .with(csrf())
        .exchange();
  }

  private static MultiValueMap<String, String> rating(
      String text, String low, String high, String help) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("text", text);
    form.add("type", "rating");
    form.add("askedAbout", "both");
    form.add("required", "true");
    form.add("scaleLow", low);
    form.add("scaleHigh", high);
    form.add("helpText", help);
    return form;
  }
}
