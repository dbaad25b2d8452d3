package com.earshot.playground;

import static com.earshot.support.Fixtures.choice;
import static com.earshot.support.Pages.body;
import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.playground.Authoring.QuestionRow;
import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The question builder: htmx swaps the builder, plain posts redirect; every rule explained. */
@EarshotTest
class QuestionsWebTests {

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  @Test
  void shouldAddAQuestionByPlainPostAndRedirectToTheBuilder() {
    Person admin = world.admin("qw-plain");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult result =
        add(
            admin,
            id,
            false,
            form(
                "Which agent understood you better?",
                "select",
                "both",
                true,
                "Agent",
                "agent",
                "Neither",
                "neither"));

    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#questions");
    QuestionRow question = world.questions(id).get(0);
    assertThat(question)
        .extracting(
            QuestionRow::text, QuestionRow::type, QuestionRow::modelKey, QuestionRow::required)
        .containsExactly("Which agent understood you better?", "select", null, true);
    assertThat(question.options())
        .containsExactly(
            Map.of("label", "Agent", "value", "agent"),
            Map.of("label", "Neither", "value", "neither"));

    AuditRow audit = world.auditBy(admin).get(0);
    Map<String, Object> created = new HashMap<>();
    created.put("question_text", "Which agent understood you better?");
    created.put("question_type", "select");
    created.put("model_key", null);
    created.put("required", true);
    created.put(
        "options",
        List.of(
            Map.of("label", "Agent", "value", "agent"),
            Map.of("label", "Neither", "value", "neither")));
    created.put("scale_low_label", null);
    created.put("scale_high_label", null);
    created.put("help_text", null);
    assertThat(audit)
        .isEqualTo(
            new AuditRow(
                admin.id(),
                "question.create",
                "question",
                question.id(),
                id,
                null,
                created,
                "127.0.0.1"));
    assertThat(world.auditBy(admin)).hasSize(1);
  }

  @Test
  void shouldAnswerAnHtmxRequestWithTheBuilderFragmentOnly() {
    Person admin = world.admin("qw-htmx");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult result =
        add(admin, id, true, form("How natural was the voice?", "rating", "model_a", true));

    assertThat(result).hasStatusOk();
    String html = body(result);
    assertThat(html).contains("id=\"question-builder\"").doesNotContain("<html", "<body", "<nav");
    Document fragment = page(result);
    assertThat(fragment.select("#question-list .question-item strong").eachText())
        .containsExactly("1. How natural was the voice?");
    assertThat(fragment.select("#question-list .question-item .badge").eachText())
        .contains("Rating 1–5", "A only", "Required");
    assertThat(world.questions(id))
        .extracting(QuestionRow::type, QuestionRow::modelKey)
        .containsExactly(tuple("rating", "model_a"));
  }

  @Test
  void shouldAskAbQuestionsAboutModelAModelBOrBoth() {
    Person admin = world.admin("qw-about");
    UUID id = world.fixtures.abPlayground(admin.id());

    add(admin, id, true, form("About both", "input_string", "both", false));
    add(admin, id, true, form("About A", "input_string", "model_a", false));
    MvcTestResult last = add(admin, id, true, form("About B", "input_string", "model_b", false));

    assertThat(world.questions(id))
        .extracting(QuestionRow::text, QuestionRow::modelKey, QuestionRow::required)
        .containsExactly(
            tuple("About both", null, false),
            tuple("About A", "model_a", false),
            tuple("About B", "model_b", false));
    Document fragment = page(last);
    List<Element> previews = fragment.select(".form-preview");
    assertThat(previews).hasSize(2);
    assertThat(previews.get(0).select("legend").eachText())
        .containsExactly("1. About both", "2. About A");
    assertThat(previews.get(1).select("legend").eachText())
        .containsExactly("1. About both", "2. About B");
  }

  @Test
  void shouldRefuseAQuestionAboutModelBInTuningWithAMessageAtTheField() {
    Person admin = world.admin("qw-tuning");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    MvcTestResult result = add(admin, id, true, form("About B?", "rating", "model_b", true));

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(body(result)).doesNotContain("<html");
    assertThat(page(result).select("form.question-form").last().text())
        .contains("A tuning playground has one model: its questions are about it.");
    assertThat(world.questions(id)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldRefuseBadOptionsKeepingTheTypedQuestionWithAMessageAtTheOptions() {
    Person admin = world.admin("qw-options");
    UUID id = world.fixtures.abPlayground(admin.id());

    for (List<String> options :
        List.of(
            List.of("Only", "only"),
            List.of("Yes", "same", "Also yes", "same"),
            List.of("Yes", "yes", "Empty value", ""))) {
      MultiValueMap<String, String> form =
          form("Typed question text", "select", "model_b", false, options.toArray(String[]::new));

      MvcTestResult result = add(admin, id, true, form);

      assertThat(result).as("%s", options).hasStatus(HttpStatus.BAD_REQUEST);
      Element adding = page(result).select("form.question-form").last();
      assertThat(adding.select("textarea[name=text]").text()).isEqualTo("Typed question text");
      assertThat(adding.select("select[name=type] option[selected]").val()).isEqualTo("select");
      assertThat(adding.select("input[name=askedAbout][checked]").val()).isEqualTo("model_b");
      assertThat(adding.select("input[name=required]").hasAttr("checked")).isFalse();
      assertThat(adding.select("input.option-label").eachAttr("value")).startsWith(options.get(0));
      assertThat(adding.select(".options-editor .invalid-feedback").text())
          .isIn(
              "A choice needs at least 2 options.",
              "Each option needs its own value; \"same\" is there twice.",
              "Each option needs a value (what is stored); \"Empty value\" has none.");
      assertThat(adding.closest("details").hasAttr("open")).isTrue();
    }
    assertThat(world.questions(id)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldSayAtMostFiftyOptionsToAQuestionWithThreeHundredAndKeepThemAll() {
    Person admin = world.admin("qw-300");
    UUID id = world.fixtures.abPlayground(admin.id());
    String[] options = new String[600];
    for (int i = 0; i < 300; i++) {
      options[2 * i] = "Option " + i;
      options[2 * i + 1] = "option_" + i;
    }

    MvcTestResult result = add(admin, id, true, form("Too many?", "select", "both", true, options));

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Element adding = page(result).select("form.question-form").last();
    assertThat(adding.select(".options-editor .invalid-feedback").text())
        .isEqualTo("At most 50 options.");
    assertThat(adding.select("textarea[name=text]").text()).isEqualTo("Too many?");
    assertThat(adding.select("input.option-value").eachAttr("value"))
        .as("the 300 typed options, then the spare rows")
        .hasSize(302)
        .startsWith("option_0", "option_1")
        .contains("option_299");
    assertThat(world.questions(id)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldGiveBackOnlyTheTypedRowsOfAFormThatNumberedThemFarApart() {
    Person admin = world.admin("qw-far-rows");
    UUID id = world.fixtures.abPlayground(admin.id());
    MultiValueMap<String, String> form =
        form("Far apart", "select", "both", true, "Yes", "yes", "No", "no");
    form.add("options[700].label", "Orphan");

    MvcTestResult result = add(admin, id, true, form);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Element adding = page(result).select("form.question-form").last();
    assertThat(adding.select(".options-editor .invalid-feedback").text())
        .isEqualTo("Each option needs a value (what is stored); \"Orphan\" has none.");
    assertThat(adding.select("input.option-label").eachAttr("value"))
        .as("the three typed rows, then the spare rows")
        .containsExactly("Yes", "No", "Orphan", "", "");
    assertThat(world.questions(id)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"options[5000].label", "options[-1].label", "options[abc].value"})
  void shouldGiveTheFormBackForAnOptionRowNoFormHas(String field) {
    Person admin = world.admin("qw-rows");
    UUID id = world.fixtures.abPlayground(admin.id());
    MultiValueMap<String, String> form =
        form("Kept question", "select", "model_a", true, "Yes", "yes", "No", "no");
    form.add(field, "Stray");

    MvcTestResult result = add(admin, id, true, form);

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Element adding = page(result).select("form.question-form").last();
    assertThat(adding.select(".options-editor .invalid-feedback").text())
        .isEqualTo(
            "Some of this came in rows the form does not have: reload the page and enter it again.");
    assertThat(adding.select("textarea[name=text]").text()).isEqualTo("Kept question");
    assertThat(adding.select("input[name=askedAbout][checked]").val()).isEqualTo("model_a");
    assertThat(adding.select("input.option-label").eachAttr("value")).startsWith("Yes", "No");
    assertThat(world.questions(id)).isEmpty();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldShowTheWholeEditorAfterARefusedPlainPost() {
    Person admin = world.admin("qw-plain-error");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult result = add(admin, id, false, form("", "rating", "both", true));

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Document page = page(result);
    assertThat(page.select("html")).isNotEmpty();
    assertThat(page.select("#details")).isNotEmpty();
    assertThat(page.getElementById("new-text-error").text()).isEqualTo("Write the question.");
    assertThat(world.questions(id)).isEmpty();
  }

  @Test
  void shouldUpdateAQuestionAndAuditOnlyTheChangedFields() {
    Person admin = world.admin("qw-update");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.selectQuestion(id, null, "good", "bad");

    MvcTestResult result =
        update(
            admin,
            id,
            question,
            true,
            form("Question select", "select", "both", false, "Good!", "good", "BAD", "bad"));

    assertThat(result).hasStatusOk();
    assertThat(body(result)).contains("id=\"question-builder\"");
    AuditRow audit = world.auditBy(admin).get(0);
    assertThat(audit)
        .isEqualTo(
            new AuditRow(
                admin.id(),
                "question.update",
                "question",
                question,
                id,
                Map.of(
                    "required",
                    true,
                    "options",
                    List.of(
                        Map.of("label", "GOOD", "value", "good"),
                        Map.of("label", "BAD", "value", "bad"))),
                Map.of(
                    "required",
                    false,
                    "options",
                    List.of(
                        Map.of("label", "Good!", "value", "good"),
                        Map.of("label", "BAD", "value", "bad"))),
                "127.0.0.1"));
    assertThat(world.auditBy(admin)).hasSize(1);

    // saving it unchanged writes nothing
    update(
        admin,
        id,
        question,
        false,
        form("Question select", "select", "both", false, "Good!", "good", "BAD", "bad"));
    assertThat(world.auditBy(admin)).hasSize(1);
  }

  @Test
  void shouldExplainWhyAnAnsweredQuestionKeepsItsTypeModelAndValues() {
    Person admin = world.admin("qw-frozen");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.selectQuestion(id, "model_a", "good", "bad");
    world.answered(id, question, "model_a", choice("good"));
    QuestionRow before = world.question(id, question);

    Document editor = page(editor(admin, id));
    assertThat(editor.select(".question-item .badge.text-bg-info").text()).isEqualTo("1 answers");
    assertThat(editor.select(".question-item form[action$=/delete]")).isEmpty();
    assertThat(editor.select(".question-item .alert-info").text())
        .startsWith("This question has answers");

    String frozen = "This question has 1 answers, so this cannot change.";
    assertThat(
            refusedEdit(
                admin, id, question, form("Question select", "input_string", "model_a", true)))
        .contains(frozen);
    assertThat(
            refusedEdit(
                admin,
                id,
                question,
                form("Question select", "select", "both", true, "G", "good", "B", "bad")))
        .contains(frozen);
    assertThat(
            refusedEdit(
                admin,
                id,
                question,
                form(
                    "Question select", "select", "model_a", true, "Good", "good", "So-so", "soso")))
        .contains(
            "Answers use the option values bad: keep them (you may change their labels and add new"
                + " options).");

    MvcTestResult delete = deleteQuestion(admin, id, question, true);
    assertThat(delete).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(delete).select(".alert-danger").text())
        .isEqualTo(
            "This question has 1 answers, so it stays: answers are never thrown away. You can"
                + " still reword it.");

    assertThat(world.question(id, question)).isEqualTo(before);
    assertThat(world.auditBy(admin)).isEmpty();

    // wording, labels and new options are fine
    assertThat(
            update(
                admin,
                id,
                question,
                true,
                form(
                    "Was it good?",
                    "select",
                    "model_a",
                    true,
                    "Good",
                    "good",
                    "Bad",
                    "bad",
                    "Great",
                    "great")))
        .hasStatusOk();
    assertThat(world.question(id, question).options()).hasSize(3);
    assertThat(world.auditBy(admin))
        .extracting(AuditRow::action)
        .containsExactly("question.update");
  }

  @Test
  void shouldDeleteAQuestionWithoutAnswersAndAuditWhatItWas() {
    Person admin = world.admin("qw-delete");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID kept = world.fixtures.question(id, null, "rating", null);
    UUID deleted = world.fixtures.question(id, "model_b", "input_string", null);

    MvcTestResult result = deleteQuestion(admin, id, deleted, false);

    assertThat(result)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#questions");
    assertThat(world.questionIds(id)).containsExactly(kept);
    AuditRow audit = world.auditBy(admin).get(0);
    Map<String, Object> was = new HashMap<>();
    was.put("question_text", "Question input_string");
    was.put("question_type", "input_string");
    was.put("model_key", "model_b");
    was.put("required", true);
    was.put("options", null);
    was.put("scale_low_label", null);
    was.put("scale_high_label", null);
    was.put("help_text", null);
    assertThat(audit)
        .isEqualTo(
            new AuditRow(
                admin.id(), "question.delete", "question", deleted, id, was, null, "127.0.0.1"));
  }

  @Test
  void shouldReorderByDragAndDropAndByKeyboardWithAnAuditRowEach() {
    Person admin = world.admin("qw-order");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID first = world.fixtures.question(id, null, "rating", null);
    UUID second = world.fixtures.question(id, "model_a", "input_string", null);
    UUID third = world.fixtures.question(id, "model_b", "input_string", null);

    MvcTestResult dropped =
        mvc.post()
            .uri("/manage/playgrounds/{id}/questions/order", id)
            .with(admin.signedIn())
            .with(csrf())
            .header("HX-Request", "true")
            .param("order", third.toString(), first.toString(), second.toString())
            .exchange();

    assertThat(dropped).hasStatusOk();
    assertThat(page(dropped).select("#question-list .question-item").eachAttr("data-id"))
        .containsExactly(third.toString(), first.toString(), second.toString());
    assertThat(world.questionIds(id)).containsExactly(third, first, second);

    MvcTestResult moved = move(admin, id, second, "-1", false);
    assertThat(moved)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/manage/playgrounds/" + id + "#questions");
    assertThat(world.questionIds(id)).containsExactly(third, second, first);
    assertThat(move(admin, id, third, "1", true)).hasStatusOk();
    assertThat(world.questionIds(id)).containsExactly(second, third, first);

    List<AuditRow> audits = world.auditBy(admin);
    assertThat(audits)
        .extracting(
            AuditRow::action, AuditRow::resourceType, AuditRow::resourceId, AuditRow::playgroundId)
        .containsOnly(tuple("question.reorder", "playground", id, id));
    assertThat(audits).hasSize(3);
    assertThat(audits.get(0).oldValues())
        .isEqualTo(Map.of("order", List.of(first.toString(), second.toString(), third.toString())));
    assertThat(audits.get(0).newValues())
        .isEqualTo(Map.of("order", List.of(third.toString(), first.toString(), second.toString())));
    assertThat(audits.get(2).newValues())
        .isEqualTo(Map.of("order", List.of(second.toString(), third.toString(), first.toString())));

    // at the top, up changes nothing and writes nothing
    assertThat(move(admin, id, second, "-1", true)).hasStatusOk();
    assertThat(world.questionIds(id)).containsExactly(second, third, first);
    assertThat(world.auditBy(admin)).hasSize(3);
  }

  @Test
  void shouldRefuseAnOrderThatDoesNotNameEachQuestionOnce() {
    Person admin = world.admin("qw-order-bad");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID first = world.fixtures.question(id, null, "rating", null);
    UUID second = world.fixtures.question(id, null, "input_string", null);

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds/{id}/questions/order", id)
            .with(admin.signedIn())
            .with(csrf())
            .header("HX-Request", "true")
            .param("order", second.toString())
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(result).select(".alert-danger").text())
        .isEqualTo("The questions changed meanwhile. Reload the page and reorder again.");
    assertThat(world.questionIds(id)).containsExactly(first, second);
    assertThat(world.auditBy(admin)).isEmpty();

    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/questions/order", id)
                .with(admin.signedIn())
                .with(csrf())
                .param("order", "not-a-uuid", first.toString())
                .exchange())
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(move(admin, id, first, "up", true)).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(world.questionIds(id)).containsExactly(first, second);
  }

  @Test
  void shouldNotTouchAQuestionOfAnotherPlaygroundThroughThisOnesAddress() {
    Person admin = world.admin("qw-cross");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID other = world.fixtures.abPlayground(admin.id());
    UUID foreign = world.fixtures.question(other, null, "rating", null);
    QuestionRow before = world.question(other, foreign);

    assertThat(update(admin, id, foreign, true, form("Moved?", "rating", "both", true)))
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(deleteQuestion(admin, id, foreign, true)).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(move(admin, id, foreign, "1", true)).hasStatus(HttpStatus.NOT_FOUND);

    assertThat(world.question(other, foreign)).isEqualTo(before);
    assertThat(world.auditBy(admin))
        .as("refusals only: nothing was changed")
        .extracting(AuditRow::action)
        .containsOnly("security.access_denied");
  }

  @Test
  void shouldSayWhatWasDoneToAQuestionInTheBuilderAndAfterARedirect() {
    Person admin = world.admin("qw-said");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult added = add(admin, id, true, form("Easy to follow?", "rating", "both", true));
    UUID question = world.questionIds(id).get(0);
    MvcTestResult saved =
        update(admin, id, question, true, form("Easy to follow now?", "rating", "both", true));
    MvcTestResult refused = update(admin, id, question, true, form("", "rating", "both", true));
    MvcTestResult plain =
        update(admin, id, question, false, form("Clear?", "rating", "both", true));
    MvcTestResult deleted = deleteQuestion(admin, id, question, true);

    assertThat(page(added).select("#question-notice").text()).isEqualTo("Question added.");
    assertThat(page(saved).select("#question-notice").text()).isEqualTo("Question saved.");
    assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(refused).select("#question-notice")).isEmpty();
    assertThat(plain).flash().containsEntry("questionNotice", "Question saved.");
    assertThat(page(deleted).select("#question-notice").text()).isEqualTo("Question deleted.");
  }

  @Test
  void shouldGiveTheSameOptionRowsBackHoweverOftenAFailedFormIsSentAgain() {
    Person admin = world.admin("qw-same-rows");
    UUID id = world.fixtures.abPlayground(admin.id());
    MultiValueMap<String, String> sent =
        asSent(page(editor(admin, id)).select("form.question-form").last());
    sent.set("text", "");
    sent.set("options[0].label", "Yes");
    sent.set("options[0].value", "yes");

    List<Integer> rows = new java.util.ArrayList<>();
    for (int time = 0; time < 3; time++) {
      Element adding = page(add(admin, id, true, sent)).select("form.question-form").last();
      rows.add(adding.select(".option-row").size());
      sent = asSent(adding);
    }

    assertThat(rows).as("the typed row, then the spare rows, each time").containsExactly(3, 3, 3);
    assertThat(world.questions(id)).isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------------

  static MultiValueMap<String, String> form(
      String text, String type, String askedAbout, boolean required, String... labelsAndValues) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("text", text);
    form.add("type", type);
    form.add("askedAbout", askedAbout);
    form.add("_required", "on");
    if (required) {
      form.add("required", "on");
    }
    for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
      form.add("options[" + i / 2 + "].label", labelsAndValues[i]);
      form.add("options[" + i / 2 + "].value", labelsAndValues[i + 1]);
    }
    // the spare rows the form always carries
    int spare = labelsAndValues.length / 2;
    form.add("options[" + spare + "].label", "");
    form.add("options[" + spare + "].value", "");
    return form;
  }

  /** What a browser sends of {@code form} as it is (checked boxes only; CSRF added by the test). */
  private static MultiValueMap<String, String> asSent(Element form) {
    MultiValueMap<String, String> sent = new LinkedMultiValueMap<>();
    for (Element field : form.select("input[name], textarea[name], select[name]")) {
      boolean box = field.is("[type=checkbox], [type=radio]");
      if (!field.attr("name").equals("_csrf") && (!box || field.hasAttr("checked"))) {
        sent.add(field.attr("name"), field.val());
      }
    }
    return sent;
  }

  private MvcTestResult editor(Person admin, UUID id) {
    return mvc.get().uri("/manage/playgrounds/{id}", id).with(admin.signedIn()).exchange();
  }

  private MvcTestResult add(
      Person admin, UUID id, boolean htmx, MultiValueMap<String, String> form) {
    var request =
        mvc.post()
            .uri("/manage/playgrounds/{id}/questions", id)
            .with(admin.signedIn())
            .with(csrf())
            .params(form);
    return htmx ? request.header("HX-Request", "true").exchange() : request.exchange();
  }

  private MvcTestResult update(
      Person admin, UUID id, UUID question, boolean htmx, MultiValueMap<String, String> form) {
    var request =
        mvc.post()
            .uri("/manage/playgrounds/{id}/questions/{q}", id, question)
            .with(admin.signedIn())
            .with(csrf())
            .params(form);
    return htmx ? request.header("HX-Request", "true").exchange() : request.exchange();
  }

  /** The refused edit's message(s), from the question's own form. */
  private String refusedEdit(
      Person admin, UUID id, UUID question, MultiValueMap<String, String> form) {
    MvcTestResult result = update(admin, id, question, true, form);
    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    Element edited =
        page(result)
            .selectFirst(
                "form.question-form[action=/manage/playgrounds/"
                    + id
                    + "/questions/"
                    + question
                    + "]");
    assertThat(edited).isNotNull();
    assertThat(edited.closest("details").hasAttr("open")).isTrue();
    return edited.select(".invalid-feedback").text();
  }

  private MvcTestResult deleteQuestion(Person admin, UUID id, UUID question, boolean htmx) {
    var request =
        mvc.post()
            .uri("/manage/playgrounds/{id}/questions/{q}/delete", id, question)
            .with(admin.signedIn())
            .with(csrf());
    return htmx ? request.header("HX-Request", "true").exchange() : request.exchange();
  }

  private MvcTestResult move(Person admin, UUID id, UUID question, String direction, boolean htmx) {
    var request =
        mvc.post()
            .uri("/manage/playgrounds/{id}/questions/{q}/move", id, question)
            .with(admin.signedIn())
            .with(csrf())
            .param("direction", direction);
    return htmx ? request.header("HX-Request", "true").exchange() : request.exchange();
  }
}
