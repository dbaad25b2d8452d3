package com.earshot.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * The rules of the editor's forms that need nothing stored, checked as a posted draft is: its
 * constraints, and for a new playground {@link NewPlaygroundRules}. (That a refused form stores
 * nothing, the web tests show.)
 */
@EarshotTest
@AutoConfigureMockMvc
class DraftRulesTests {

  @Autowired LocalValidatorFactoryBean constraints;

  @Test
  void shouldRefuseAHostileEmbedCodeOfOneModelAtItsFieldOnly() {
    PlaygroundDraft draft = PlaygroundServiceTests.abDraft("Half saved?");
    draft
        .getModels()
        .get(1)
        .setEmbedCode(
            "<elevenlabs-convai agent-id=\"agent_x1\"></elevenlabs-convai><script>alert(1)</script>");

    assertThat(newPlaygroundErrors(draft))
        .containsOnlyKeys("models[1].embedCode")
        .extractingByKey("models[1].embedCode")
        .asString()
        .contains("Inline scripts are not allowed");
  }

  @Test
  void shouldRefuseATuningPlaygroundWithTwoModels() {
    PlaygroundDraft draft = PlaygroundServiceTests.abDraft("Two in tuning");
    draft.setType(PlaygroundType.TUNING);

    assertThat(newPlaygroundErrors(draft))
        .containsExactly(Map.entry("models", "A tuning playground has exactly one model."));
  }

  @Test
  void shouldIgnoreBlankModelsBeyondTheTypesButNotOnesThatHoldSomething() {
    PlaygroundDraft tuning = new PlaygroundDraft();
    tuning.setType(PlaygroundType.TUNING);
    tuning.setName("Tuned");
    tuning.setModels(
        List.of(
            PlaygroundServiceTests.model("Bot", "agent_bot01", ""),
            PlaygroundServiceTests.model("", "", "")));
    assertThat(newPlaygroundErrors(tuning)).isEmpty();

    tuning.getModels().get(1).setName("Stray");
    assertThat(newPlaygroundErrors(tuning))
        .containsExactly(Map.entry("models", "A tuning playground has exactly one model."));
  }

  @Test
  void shouldNameEveryInvalidAllowListEntry() {
    AccessDraft draft = new AccessDraft();
    draft.setAccess("ok@example.com, not-an-email @ @under_score.com ann@ x@y");

    assertThat(errors(draft).get("access"))
        .startsWith("These entries are neither an email address nor an @domain:")
        .contains("not-an-email", "@under_score.com", "ann@", "x@y")
        .doesNotContain("ok@example.com");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Only one,only,,                | A choice needs at least 2 options.
          Yes,yes,Also yes,yes            | Each option needs its own value; "yes" is there twice.
          Yes,yes,No value,               | Each option needs a value (what is stored); "No value" has none.
          ,,,                             | A choice needs at least 2 options.
          """)
  void shouldRefuseASelectQuestionWithBadOptions(String options, String message) {
    String[] cells = (options + ",,,,").split(",", -1);
    QuestionDraft draft =
        QuestionServiceTests.draft(
            "Pick one", "select", "both", true, cells[0], cells[1], cells[2], cells[3]);

    assertThat(errors(draft)).containsExactly(Map.entry("options", message));
  }

  @Test
  void shouldRefuseMoreThanFiftyOptions() {
    QuestionDraft draft = QuestionServiceTests.draft("Pick one", "select", "both", true);
    for (int i = 0; i < 51; i++) {
      draft.getOptions().add(new QuestionDraft.OptionDraft("Option " + i, "o" + i));
    }

    assertThat(errors(draft)).containsExactly(Map.entry("options", "At most 50 options."));
  }

  @Test
  void shouldRefuseAnUnknownTypeOrModelAndAnEmptyText() {
    assertThat(errors(QuestionServiceTests.draft("   ", "essay", "model_c", true)))
        .containsOnly(
            Map.entry("text", "Write the question."),
            Map.entry("type", "Choose how it is answered: choice, free text or rating."),
            Map.entry("askedAbout", "Choose model A, model B or both."));
  }

  @Test
  void shouldCheckNoOptionsOfAQuestionThatIsNoChoice() {
    assertThat(
            errors(QuestionServiceTests.draft("How was it?", "rating", "model_a", true, "x", "")))
        .isEmpty();
  }

  private Map<String, String> newPlaygroundErrors(PlaygroundDraft draft) {
    return errors(draft, new NewPlaygroundRules(constraints));
  }

  /** Field → message, as the form would show them. */
  private Map<String, String> errors(Object draft, Validator... more) {
    BeanPropertyBindingResult errors = new BeanPropertyBindingResult(draft, "draft");
    constraints.validate(draft, errors);
    for (Validator rules : more) {
      rules.validate(draft, errors);
    }
    Map<String, String> messages = new LinkedHashMap<>();
    for (FieldError error : errors.getFieldErrors()) {
      messages.merge(error.getField(), error.getDefaultMessage(), (a, b) -> a + " | " + b);
    }
    return messages;
  }
}
