package com.earshot.playground;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.Authoring.QuestionRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The question rules, called as an admin on the service itself. */
@EarshotTest
class QuestionServiceTests {

  @Autowired QuestionService questions;

  final Authoring world = new Authoring();

  @Test
  void shouldAddQuestionsOfEveryTypeInOrder() {
    Person admin = world.admin("builder");
    UUID id = world.fixtures.abPlayground(admin.id());

    UUID select =
        admin.call(
            () ->
                questions.add(
                    id,
                    draft(
                        "  Which agent sounded more natural?  ",
                        "select",
                        "both",
                        true,
                        "Very natural",
                        "very",
                        "Not at all",
                        "not",
                        "",
                        "")));
    UUID text =
        admin.call(
            () -> questions.add(id, draft("What went wrong?", "input_string", "model_a", false)));
    UUID rating =
        admin.call(() -> questions.add(id, draft("Rate the voice", "rating", "model_b", true)));

    List<QuestionRow> rows = world.questions(id);
    assertThat(rows).extracting(QuestionRow::id).containsExactly(select, text, rating);
    assertThat(rows).extracting(QuestionRow::orderIndex).containsExactly(0, 1, 2);
    assertThat(rows.get(0))
        .extracting(
            QuestionRow::text, QuestionRow::type, QuestionRow::modelKey, QuestionRow::required)
        .containsExactly("Which agent sounded more natural?", "select", null, true);
    assertThat(rows.get(0).options())
        .containsExactly(
            Map.of("label", "Very natural", "value", "very"),
            Map.of("label", "Not at all", "value", "not"));
    assertThat(rows.get(1))
        .extracting(
            QuestionRow::type, QuestionRow::modelKey, QuestionRow::required, QuestionRow::options)
        .containsExactly("input_string", "model_a", false, null);
    assertThat(rows.get(2))
        .extracting(QuestionRow::type, QuestionRow::modelKey, QuestionRow::options)
        .containsExactly("rating", "model_b", null);
  }

  @Test
  void shouldUseTheValueAsLabelWhenTheLabelIsLeftEmpty() {
    Person admin = world.admin("labels");
    UUID id = world.fixtures.abPlayground(admin.id());

    UUID question =
        admin.call(
            () -> questions.add(id, draft("Better?", "select", "both", true, "", "a", "", "b")));

    assertThat(world.question(id, question).options())
        .containsExactly(Map.of("label", "a", "value", "a"), Map.of("label", "b", "value", "b"));
  }

  @Test
  void shouldRefuseAQuestionAboutModelBInATuningPlayground() {
    Person admin = world.admin("tuning-q");
    UUID id = world.fixtures.playground(admin.id(), "tuning", true, null);

    InvalidInputException refusal =
        catchThrowableOfType(
            InvalidInputException.class,
            () ->
                admin.call(
                    () -> questions.add(id, draft("How was it?", "rating", "model_b", true))));

    assertThat(refusal.fieldErrors())
        .containsEntry(
            "askedAbout", "A tuning playground has one model: its questions are about it.");
    assertThat(world.questions(id)).isEmpty();

    UUID fine = admin.call(() -> questions.add(id, draft("How was it?", "rating", "both", true)));
    assertThat(world.question(id, fine).modelKey()).isNull();
  }

  @Test
  void shouldLetAnAnsweredQuestionChangeItsWordingLabelsAndGainOptions() {
    Person admin = world.admin("answered-ok");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.selectQuestion(id, null, "good", "bad");
    world.answered(id, question, "model_a", choice("good"));

    admin.run(
        () ->
            questions.update(
                id,
                question,
                draft(
                    "How good was it, really?",
                    "select",
                    "both",
                    false,
                    "Good enough",
                    "good",
                    "Bad",
                    "bad",
                    "Great",
                    "great")));

    QuestionRow row = world.question(id, question);
    assertThat(row.text()).isEqualTo("How good was it, really?");
    assertThat(row.required()).isFalse();
    assertThat(row.options())
        .containsExactly(
            Map.of("label", "Good enough", "value", "good"),
            Map.of("label", "Bad", "value", "bad"),
            Map.of("label", "Great", "value", "great"));
  }

  @Test
  void shouldFreezeTheTypeModelAndOptionValuesOfAnAnsweredQuestion() {
    Person admin = world.admin("answered-frozen");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.selectQuestion(id, null, "good", "bad");
    world.answered(id, question, "model_b", choice("bad"));
    QuestionRow before = world.question(id, question);
    String frozen = "This question has 1 answers, so this cannot change.";

    assertThat(refusal(admin, id, question, draft("Question select", "rating", "both", true)))
        .containsEntry("type", frozen);
    assertThat(
            refusal(
                admin,
                id,
                question,
                draft("Question select", "select", "model_a", true, "G", "good", "B", "bad")))
        .containsEntry("askedAbout", frozen);
    assertThat(
            refusal(
                admin,
                id,
                question,
                draft("Question select", "select", "both", true, "G", "good", "Meh", "meh")))
        .containsEntry(
            "options",
            "Answers use the option values bad: keep them (you may change their labels and add new"
                + " options).");

    assertThat(world.question(id, question)).isEqualTo(before);
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldLetAQuestionWithoutAnswersChangeEverything() {
    Person admin = world.admin("unanswered");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.selectQuestion(id, null, "good", "bad");

    admin.run(() -> questions.update(id, question, draft("Rate B", "rating", "model_b", true)));

    assertThat(world.question(id, question))
        .extracting(
            QuestionRow::text, QuestionRow::type, QuestionRow::modelKey, QuestionRow::options)
        .containsExactly("Rate B", "rating", "model_b", null);
  }

  @Test
  void shouldNeverDeleteAnAnsweredQuestion() {
    Person admin = world.admin("answered-delete");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID answered = world.fixtures.question(id, null, "input_string", null);
    UUID unanswered = world.fixtures.question(id, null, "rating", null);
    world.answered(id, answered, "model_a", "It was fine");
    world.answered(id, answered, "model_b", "It was not");

    InvalidInputException refusal =
        catchThrowableOfType(
            InvalidInputException.class, () -> admin.run(() -> questions.delete(id, answered)));

    assertThat(refusal.fieldErrors())
        .containsEntry(
            "question",
            "This question has 2 answers, so it stays: answers are never thrown away. You can still"
                + " reword it.");
    assertThat(world.questionIds(id)).containsExactly(answered, unanswered);

    admin.run(() -> questions.delete(id, unanswered));
    assertThat(world.questionIds(id)).containsExactly(answered);
  }

  @Test
  void shouldReorderByTheWholeListAndRefuseAListThatIsNotTheSameQuestions() {
    Person admin = world.admin("order");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID first = world.fixtures.question(id, null, "rating", null);
    UUID second = world.fixtures.question(id, "model_a", "input_string", null);
    UUID third = world.fixtures.question(id, "model_b", "input_string", null);
    UUID elsewhere =
        world.fixtures.question(world.fixtures.abPlayground(admin.id()), null, "rating", null);

    admin.run(() -> questions.reorder(id, List.of(third, first, second)));
    assertThat(world.questionIds(id)).containsExactly(third, first, second);
    assertThat(world.questions(id)).extracting(QuestionRow::orderIndex).containsExactly(0, 1, 2);

    for (List<UUID> wrong :
        List.of(
            List.of(first, second),
            List.of(first, second, third, first),
            List.of(first, second, elsewhere),
            List.of(first, first, second))) {
      InvalidInputException refusal =
          catchThrowableOfType(
              InvalidInputException.class, () -> admin.run(() -> questions.reorder(id, wrong)));
      assertThat(refusal.fieldErrors())
          .as("%s", wrong)
          .containsEntry(
              "order", "The questions changed meanwhile. Reload the page and reorder again.");
    }
    assertThat(world.questionIds(id)).containsExactly(third, first, second);
  }

  @Test
  void shouldMoveAQuestionOnePlaceUpOrDownAndStayPutAtTheEnds() {
    Person admin = world.admin("move");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID first = world.fixtures.question(id, null, "rating", null);
    UUID second = world.fixtures.question(id, null, "input_string", null);
    UUID third = world.fixtures.question(id, null, "input_string", null);

    admin.run(() -> questions.move(id, third, -1));
    assertThat(world.questionIds(id)).containsExactly(first, third, second);
    admin.run(() -> questions.move(id, first, 1));
    assertThat(world.questionIds(id)).containsExactly(third, first, second);
    int audited = world.auditBy(admin).size();

    admin.run(() -> questions.move(id, third, -1));
    admin.run(() -> questions.move(id, second, 5));
    assertThat(world.questionIds(id)).containsExactly(third, first, second);
    assertThat(world.auditBy(admin)).hasSize(audited);

    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> admin.run(() -> questions.move(id, unknown, 1)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Question not found");
  }

  @Test
  void shouldShowAnotherAdminsQuestionsToNobodyElse() {
    Person owner = world.admin("q-owner");
    Person other = world.admin("q-other");
    UUID id = world.fixtures.abPlayground(owner.id());
    UUID question = world.fixtures.question(id, null, "rating", null);
    QuestionRow before = world.question(id, question);

    for (Runnable attempt :
        List.<Runnable>of(
            () -> questions.add(id, draft("Mine?", "rating", "both", true)),
            () -> questions.update(id, question, draft("Mine?", "rating", "both", true)),
            () -> questions.delete(id, question),
            () -> questions.move(id, question, 1),
            () -> questions.reorder(id, List.of(question)))) {
      assertThatThrownBy(() -> other.run(attempt))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("Playground not found");
    }
    assertThat(world.questions(id)).containsExactly(before);
    assertThat(world.auditBy(other)).isEmpty();
  }

  /** A draft with option label/value pairs. */
  static QuestionDraft draft(
      String text, String type, String askedAbout, boolean required, String... labelsAndValues) {
    QuestionDraft draft = new QuestionDraft();
    draft.setText(text);
    draft.setType(type);
    draft.setAskedAbout(askedAbout);
    draft.setRequired(required);
    List<QuestionDraft.OptionDraft> options = new ArrayList<>();
    for (int i = 0; i + 1 < labelsAndValues.length; i += 2) {
      options.add(new QuestionDraft.OptionDraft(labelsAndValues[i], labelsAndValues[i + 1]));
    }
    draft.setOptions(options);
    return draft;
  }

  private Map<String, String> refusal(Person admin, UUID id, UUID question, QuestionDraft draft) {
    return catchThrowableOfType(
            InvalidInputException.class,
            () -> admin.run(() -> questions.update(id, question, draft)))
        .fieldErrors();
  }
}
