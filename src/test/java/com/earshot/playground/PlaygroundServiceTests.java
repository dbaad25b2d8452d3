package com.earshot.playground;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.StaleEditException;
import com.earshot.playground.Authoring.ModelRow;
import com.earshot.playground.Authoring.PlaygroundRow;
import com.earshot.playground.Authoring.QuestionRow;
import com.earshot.support.AuditRow;
import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The playground rules, called as an admin on the service itself. */
@EarshotTest
class PlaygroundServiceTests {

  @Autowired PlaygroundService playgrounds;
  @Autowired PlaygroundLifecycle lifecycle;
  @Autowired PlaygroundCatalog catalog;
  @Autowired TransactionTemplate transaction;

  final Authoring world = new Authoring();

  @Test
  void shouldCreateAnAbTestWithBothModelsAndTheirCountersInOneTransaction() {
    Person admin = world.admin("creator");
    PlaygroundDraft draft = abDraft("Voices, round 1");
    draft.setDescription("  Which voice do callers prefer?  ");
    draft.setAccess("Ann@Example.com\n@acme.com");

    UUID id = admin.call(() -> playgrounds.create(draft));

    PlaygroundRow row = world.playground(id);
    assertThat(row.name()).isEqualTo("Voices, round 1");
    assertThat(row.type()).isEqualTo("ab_testing");
    assertThat(row.description()).isEqualTo("Which voice do callers prefer?");
    // a draft: testers see it once it goes live
    assertThat(row.active()).isFalse();
    assertThat(row.status()).isEqualTo("draft");
    assertThat(row.createdBy()).isEqualTo(admin.id());
    assertThat(row.restrictedEmails()).containsExactly("ann@example.com", "@acme.com");
    List<ModelRow> models = world.models(id);
    assertThat(models)
        .extracting(
            ModelRow::key,
            ModelRow::name,
            ModelRow::embedCode,
            ModelRow::maxEvaluations,
            ModelRow::configurationVersion,
            ModelRow::count)
        .containsExactly(
            tuple("model_a", "Warm voice", Authoring.SNIPPET, 30, 1, 0),
            tuple("model_b", "Crisp voice", "agent_crisp42", 40, 1, 0));
    // now() is the transaction's start: equal times prove that one transaction wrote them all
    assertThat(models)
        .allSatisfy(
            model -> {
              assertThat(model.createdAt()).isEqualTo(row.createdAt());
              assertThat(model.counterCreatedAt()).isEqualTo(row.createdAt());
            });
    assertThat(world.auditBy(admin))
        .extracting(AuditRow::action)
        .containsExactly("playground.create");
    assertThat(world.auditTimesOf(admin)).containsExactly(row.createdAt());
  }

  @Test
  void shouldCreateATuningPlaygroundWithOneModelThatMayHaveNoLimit() {
    Person admin = world.admin("tuner");
    PlaygroundDraft draft = new PlaygroundDraft();
    draft.setType(PlaygroundType.TUNING);
    draft.setName("Support bot tuning");
    draft.setModels(List.of(model("Support bot", "agent_support1", "")));

    UUID id = admin.call(() -> playgrounds.create(draft));

    assertThat(world.playground(id).type()).isEqualTo("tuning");
    assertThat(world.models(id))
        .singleElement()
        .satisfies(
            model -> {
              assertThat(model.key()).isEqualTo("model_a");
              assertThat(model.maxEvaluations()).isNull();
              assertThat(model.count()).isZero();
            });
  }

  @Test
  void shouldBumpTheConfigurationVersionOnlyWhenTheNameOrEmbedCodeChanges() {
    Person admin = world.admin("versions");
    UUID id = world.fixtures.abPlayground(admin.id());

    updateModel(admin, id, "model_a", "Model model_a", "agent_model_a", "80");
    assertThat(world.model(id, "model_a"))
        .extracting(ModelRow::maxEvaluations, ModelRow::configurationVersion)
        .containsExactly(80, 1);

    updateModel(admin, id, "model_a", "Renamed", "agent_model_a", "80");
    assertThat(world.model(id, "model_a").configurationVersion()).isEqualTo(2);

    updateModel(admin, id, "model_a", "Renamed", Authoring.SNIPPET, "80");
    assertThat(world.model(id, "model_a").configurationVersion()).isEqualTo(3);
    assertThat(world.model(id, "model_b").configurationVersion()).isEqualTo(1);

    // saving the same values again changes nothing and says nothing
    int auditRows = world.auditBy(admin).size();
    updateModel(admin, id, "model_a", "Renamed", Authoring.SNIPPET, "80");
    assertThat(world.model(id, "model_a").configurationVersion()).isEqualTo(3);
    assertThat(world.auditBy(admin)).hasSize(auditRows);
  }

  @Test
  void shouldNotLowerTheLimitBelowWhatIsAlreadySubmitted() {
    Person admin = world.admin("limits");
    UUID id = world.fixtures.abPlayground(admin.id());
    world.fixtures.setCount(id, "model_b", 7);

    InvalidInputException refusal =
        catchThrowableOfType(
            InvalidInputException.class,
            () -> updateModel(admin, id, "model_b", "Model model_b", "agent_model_b", "6"));

    assertThat(refusal.fieldErrors())
        .containsEntry(
            "maxEvaluations", "7 evaluations are already submitted: the limit cannot be lower.");
    assertThat(world.model(id, "model_b").maxEvaluations()).isEqualTo(50);

    updateModel(admin, id, "model_b", "Model model_b", "agent_model_b", "7");
    assertThat(world.model(id, "model_b").maxEvaluations()).isEqualTo(7);
  }

  @Test
  void shouldRefuseAStaleModelEditAndKeepTheColleaguesChange() {
    Person admin = world.admin("stale-model");
    UUID id = world.fixtures.abPlayground(admin.id());
    LocalDateTime version =
        admin.call(() -> playgrounds.get(id)).model(ModelKey.MODEL_A).orElseThrow().updatedAt();
    updateModel(admin, id, "model_a", "The colleague's name", "agent_model_a", "50");

    PlaygroundDraft.ModelDraft mine = model("My name", "agent_mine1", "10");
    assertThatThrownBy(
            () ->
                admin.run(
                    () -> playgrounds.updateModel(id, ModelKey.MODEL_A, version.toString(), mine)))
        .isInstanceOf(StaleEditException.class)
        .hasMessageContaining("Someone changed this model after you opened it");

    assertThat(world.model(id, "model_a"))
        .extracting(ModelRow::name, ModelRow::embedCode, ModelRow::maxEvaluations)
        .containsExactly("The colleague's name", "agent_model_a", 50);
  }

  @Test
  void shouldReadAPastedAllowListFoldingCaseAndDuplicates() {
    Person admin = world.admin("access");
    UUID id = world.fixtures.abPlayground(admin.id());

    admin.run(
        () ->
            playgrounds.updateAccess(
                id,
                version(admin, id),
                access(
                    " Ann@Example.com, bob@example.org\n@ACME.com carol@example.net;ann@example.com"
                        + "\r\n\t@acme.com  dave@example.com,,")));

    assertThat(world.playground(id).restrictedEmails())
        .containsExactly(
            "ann@example.com",
            "bob@example.org",
            "@acme.com",
            "carol@example.net",
            "dave@example.com");

    admin.run(() -> playgrounds.updateAccess(id, version(admin, id), access(" \n ")));
    assertThat(world.playground(id).restrictedEmails()).isNull();
  }

  @Test
  void shouldDeleteAPlaygroundNobodyAnsweredWithItsModelsCountersAndQuestions() {
    Person admin = world.admin("deleter");
    UUID id = world.fixtures.abPlayground(admin.id());
    world.fixtures.selectQuestion(id, null, "yes", "no");
    world.fixtures.question(id, "model_b", "input_string", null);
    // a tester who opened it and left: no evaluation, nothing to keep
    world.fixtures.assignedSession(id, world.fixtures.tester("left"), "model_a");

    admin.run(() -> playgrounds.delete(id));

    assertThat(world.exists(id)).isFalse();
    for (String table :
        List.of(
            "model_configurations", "evaluation_counters", "questions", "evaluation_sessions")) {
      assertThat(world.count(table, id)).as(table).isZero();
    }
  }

  @Test
  void shouldNeverDeleteAPlaygroundWithEvaluations() {
    Person admin = world.admin("keeper");
    UUID id = world.fixtures.abPlayground(admin.id());
    UUID question = world.fixtures.selectQuestion(id, null, "yes", "no");
    world.answered(id, question, "model_a", choice("yes"));

    assertThatThrownBy(() -> admin.run(() -> playgrounds.delete(id)))
        .hasMessage(
            "This playground has evaluations, so it cannot be deleted: every answer is kept."
                + " Close it instead: testers will no longer see it.");

    assertThat(world.exists(id)).isTrue();
    assertThat(world.models(id)).hasSize(2);
    assertThat(world.questions(id)).hasSize(1);
    assertThat(world.count("evaluations", id)).isOne();
    assertThat(world.auditBy(admin)).isEmpty();
  }

  @Test
  void shouldNeverDeleteAPlaygroundWithASubmittedSessionEvenWithoutAnswers() {
    Person admin = world.admin("optional-only");
    UUID id = world.fixtures.abPlayground(admin.id());
    world.fixtures.submittedSession(id, world.fixtures.tester("quiet"), "model_b");

    assertThatThrownBy(() -> admin.run(() -> playgrounds.delete(id)))
        .hasMessageContaining("cannot be deleted");
    assertThat(world.exists(id)).isTrue();
  }

  @Test
  void shouldDuplicateSettingsModelsAndQuestionsAsANewDraftWithoutAnswers() {
    Person admin = world.admin("duplicator");
    PlaygroundDraft draft = abDraft("Round 1");
    draft.setDescription("Internal notes");
    draft.setSupportText("<p>Book a table for <b>two</b>.</p>");
    draft.setAccess("@acme.com, ann@example.com");
    UUID source = admin.call(() -> playgrounds.create(draft));
    UUID shared = world.fixtures.selectQuestion(source, null, "yes", "no");
    world.fixtures.question(source, "model_b", "rating", null);
    world.fixtures.question(source, "model_a", "input_string", null);
    world.answered(source, shared, "model_a", choice("no"));
    world.fixtures.setCount(source, "model_a", 1);
    world
        .db
        .sql("UPDATE model_configurations SET configuration_version = 4 WHERE playground_id = ?")
        .param(source)
        .update();

    UUID copy = admin.call(() -> playgrounds.duplicate(source));

    assertThat(copy).isNotEqualTo(source);
    PlaygroundRow original = world.playground(source);
    PlaygroundRow duplicate = world.playground(copy);
    assertThat(duplicate.name()).isEqualTo("Copy of Round 1");
    assertThat(duplicate.active()).isFalse();
    assertThat(duplicate.status()).isEqualTo("draft");
    assertThat(duplicate.createdBy()).isEqualTo(admin.id());
    assertThat(duplicate)
        .extracting(
            PlaygroundRow::type,
            PlaygroundRow::description,
            PlaygroundRow::supportText,
            PlaygroundRow::restrictedEmails)
        .containsExactly(
            original.type(),
            original.description(),
            original.supportText(),
            original.restrictedEmails());
    assertThat(world.models(copy))
        .extracting(
            ModelRow::key,
            ModelRow::name,
            ModelRow::embedCode,
            ModelRow::maxEvaluations,
            ModelRow::configurationVersion,
            ModelRow::count)
        .containsExactly(
            tuple("model_a", "Warm voice", Authoring.SNIPPET, 30, 1, 0),
            tuple("model_b", "Crisp voice", "agent_crisp42", 40, 1, 0));
    assertThat(world.questions(copy))
        .extracting(
            QuestionRow::modelKey,
            QuestionRow::text,
            QuestionRow::type,
            QuestionRow::options,
            QuestionRow::orderIndex,
            QuestionRow::required)
        .containsExactlyElementsOf(
            world.questions(source).stream()
                .map(
                    q ->
                        tuple(
                            q.modelKey(),
                            q.text(),
                            q.type(),
                            q.options(),
                            q.orderIndex(),
                            q.required()))
                .toList());
    assertThat(world.questionIds(copy)).doesNotContainAnyElementsOf(world.questionIds(source));
    assertThat(world.count("evaluations", copy)).isZero();
    assertThat(world.count("evaluation_sessions", copy)).isZero();
    assertThat(world.count("evaluations", source)).isOne();
  }

  @Test
  void shouldShowAnotherAdminNoneOfItAndLetThemChangeNothing() {
    Person owner = world.admin("owner");
    Person other = world.admin("other");
    UUID id = world.fixtures.abPlayground(owner.id());
    String version = version(owner, id);

    assertThatThrownBy(() -> other.call(() -> playgrounds.get(id)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> other.run(() -> playgrounds.updateDetails(id, version, details("Mine now"))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> other.run(() -> lifecycle.pause(id)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> other.run(() -> playgrounds.delete(id)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> other.call(() -> playgrounds.duplicate(id)))
        .isInstanceOf(NotFoundException.class);
    assertThat(listedFor(other)).doesNotContain(id);
    assertThat(listedFor(owner)).contains(id);

    assertThat(world.playground(id).active()).isTrue();
    assertThat(world.playground(id).name()).startsWith("Playground ");
    assertThat(world.playgroundsOf(other)).isEmpty();
    assertThat(world.auditBy(other)).isEmpty();
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** What Manage › Playgrounds lists for the admin: insights reads it from the catalog. */
  private List<UUID> listedFor(Person admin) {
    List<Playground> visible = admin.call(() -> transaction.execute(status -> catalog.visible()));
    return visible.stream().map(Playground::id).toList();
  }

  private void updateModel(
      Person admin, UUID id, String key, String name, String embedCode, String max) {
    admin.run(
        () -> {
          LocalDateTime version =
              playgrounds.get(id).model(ModelKey.fromDatabase(key)).orElseThrow().updatedAt();
          playgrounds.updateModel(
              id, ModelKey.fromDatabase(key), version.toString(), model(name, embedCode, max));
        });
  }

  private String version(Person admin, UUID id) {
    return admin.call(() -> playgrounds.get(id).version());
  }

  static AccessDraft access(String pasted) {
    AccessDraft draft = new AccessDraft();
    draft.setAccess(pasted);
    return draft;
  }

  static DetailsDraft details(String name) {
    DetailsDraft draft = new DetailsDraft();
    draft.setName(name);
    return draft;
  }

  static PlaygroundDraft abDraft(String name) {
    PlaygroundDraft draft = new PlaygroundDraft();
    draft.setType(PlaygroundType.AB_TESTING);
    draft.setName(name);
    draft.setModels(
        new java.util.ArrayList<>(
            List.of(
                model("Warm voice", Authoring.SNIPPET, "30"),
                model("Crisp voice", "agent_crisp42", "40"))));
    return draft;
  }

  static PlaygroundDraft.ModelDraft model(String name, String embedCode, String max) {
    PlaygroundDraft.ModelDraft model = new PlaygroundDraft.ModelDraft();
    model.setName(name);
    model.setEmbedCode(embedCode);
    model.setMaxEvaluations(max);
    return model;
  }
}
