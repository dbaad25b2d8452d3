package com.earshot.insights.responses;

import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.evaluation.Assignment;
import com.earshot.evaluation.AssignmentService;
import com.earshot.evaluation.CallService;
import com.earshot.evaluation.EvaluationSession;
import com.earshot.evaluation.SubmissionOutcome;
import com.earshot.evaluation.SubmissionService;
import com.earshot.playground.ModelKey;
import com.earshot.playground.PlaygroundDraft;
import com.earshot.playground.PlaygroundService;
import com.earshot.playground.PlaygroundType;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionDraft;
import com.earshot.playground.QuestionService;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The world of the insights tests, built through the real services: admins create playgrounds and
 * questions as in the editor, testers are assigned models and submit forms as on the tester pages.
 * Only the users themselves are written directly (sign-in is not the subject here).
 */
final class ResponsesWorld {

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  private final PlaygroundService playgrounds;
  private final QuestionService questions;
  private final AssignmentService assignments;
  private final SubmissionService submissions;
  private final CallService calls;

  ResponsesWorld(
      PlaygroundService playgrounds,
      QuestionService questions,
      AssignmentService assignments,
      SubmissionService submissions,
      CallService calls) {
    this.playgrounds = playgrounds;
    this.questions = questions;
    this.assignments = assignments;
    this.submissions = submissions;
    this.calls = calls;
  }

  Person admin(String name) {
    return fixtures.adminPerson(name);
  }

  Person tester(String name) {
    return fixtures.testerPerson(name);
  }

  /** An active, public A/B test of "Warm voice" (A) and "Crisp voice" (B), 100 evaluations each. */
  UUID abPlayground(Person admin) {
    PlaygroundDraft draft = new PlaygroundDraft();
    draft.setType(PlaygroundType.AB_TESTING);
    draft.setName("Voices " + UUID.randomUUID().toString().substring(0, 8));
    draft.setModels(
        new ArrayList<>(
            List.of(model("Warm voice", "agent_warm01"), model("Crisp voice", "agent_crisp01"))));
    return live(admin.call(() -> playgrounds.create(draft)));
  }

  /** An active, public tuning playground of "Tuned voice", without a limit. */
  UUID tuningPlayground(Person admin) {
    PlaygroundDraft draft = new PlaygroundDraft();
    draft.setType(PlaygroundType.TUNING);
    draft.setName("Tuning " + UUID.randomUUID().toString().substring(0, 8));
    PlaygroundDraft.ModelDraft model = model("Tuned voice", "agent_tuned01");
    model.setMaxEvaluations("");
    draft.setModels(new ArrayList<>(List.of(model)));
    return live(admin.call(() -> playgrounds.create(draft)));
  }

  /**
   * Created as a draft, it is made live as the database would after Go live: these tests are about
   * what testers answer, not the checklist (LifecycleWebTests).
   */
  private UUID live(UUID playground) {
    db.sql("UPDATE playgrounds SET status = 'live', is_active = true WHERE id = ?")
        .param(playground)
        .update();
    return playground;
  }

  /** A required question; {@code askedAbout}: "both", "model_a" or "model_b". */
  UUID question(
      Person admin,
      UUID playground,
      String text,
      String type,
      String askedAbout,
      String... options) {
    QuestionDraft draft = new QuestionDraft();
    draft.setText(text);
    draft.setType(type);
    draft.setAskedAbout(askedAbout);
    draft.setRequired(true);
    List<QuestionDraft.OptionDraft> choices = new ArrayList<>();
    for (int i = 0; i + 1 < options.length; i += 2) {
      choices.add(new QuestionDraft.OptionDraft(options[i], options[i + 1]));
    }
    draft.setOptions(choices);
    return admin.call(() -> questions.add(playground, draft));
  }

  void reorder(Person admin, UUID playground, List<UUID> order) {
    admin.call(
        () -> {
          questions.reorder(playground, order);
          return null;
        });
  }

  /**
   * The tester opens the playground, is given their next model (whichever the assignment picks),
   * and submits: {@code answer} gives the typed answer to each question asked about that model.
   */
  EvaluationSession evaluate(
      Person tester, UUID playground, BiFunction<Question, ModelKey, String> answer) {
    return evaluate(tester, playground, answer, null);
  }

  /** As {@link #evaluate}, with a call reported first (and its conversation id, if not null). */
  EvaluationSession evaluate(
      Person tester,
      UUID playground,
      BiFunction<Question, ModelKey, String> answer,
      String conversationId) {
    return tester.call(
        () -> {
          Assignment assignment = assignments.start(playground);
          assertThat(assignment).isInstanceOf(Assignment.Given.class);
          EvaluationSession session = ((Assignment.Given) assignment).session();
          if (conversationId != null) {
            calls.callConnected(session.id(), conversationId);
          }
          Map<String, String> form = new LinkedHashMap<>();
          for (Question question :
              assignments.front(playground).playground().questionsFor(session.modelKey())) {
            form.put("q-" + question.id(), answer.apply(question, session.modelKey()));
          }
          SubmissionOutcome outcome = submissions.submit(session.id(), form);
          assertThat(outcome).isInstanceOf(SubmissionOutcome.Saved.class);
          return ((SubmissionOutcome.Saved) outcome).session();
        });
  }

  /** The free-text answers of a playground, newest first, as the superuser reads them. */
  List<String> storedTexts(UUID playground) {
    return db.sql(
            """
            SELECT answer_text FROM evaluations
            WHERE playground_id = ? AND answer_text IS NOT NULL ORDER BY created_at DESC, id DESC
            """)
        .param(playground)
        .query(String.class)
        .list();
  }

  // --- what the admin sees --------------------------------------------------------------------

  /** The answers listed on a responses page, top to bottom. */
  static List<String> answers(MvcTestResult result) {
    return page(result).select("li.response .answer-text").stream()
        .map(element -> element.wholeText())
        .toList();
  }

  private static PlaygroundDraft.ModelDraft model(String name, String agent) {
    PlaygroundDraft.ModelDraft model = new PlaygroundDraft.ModelDraft();
    model.setName(name);
    model.setEmbedCode(agent);
    model.setMaxEvaluations("100");
    return model;
  }
}
