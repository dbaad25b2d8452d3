package com.earshot.insights.plan;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.insights.statistics.Planner;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.PlaygroundType;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and saves a playground's {@link StudyPlan} (V32); only its owning admin sees it. */
@Service
public class StudyPlans {

  static final int MIN_TESTERS = 2;
  static final int MAX_TESTERS = 100_000;

  /** The primary measure's value in the form when it is the head-to-head preference. */
  static final String PREFERENCE = "preference";

  private final JdbcClient jdbc;
  private final PlaygroundCatalog playgrounds;
  private final AuditLog audit;

  StudyPlans(JdbcClient jdbc, PlaygroundCatalog playgrounds, AuditLog audit) {
    this.jdbc = jdbc;
    this.playgrounds = playgrounds;
    this.audit = audit;
  }

  /** What the form posts, as typed. */
  record Form(String primary, String plannedTesters) {}

  /** The plan of a playground the caller may read, or {@link StudyPlan#NONE}. */
  @Transactional(readOnly = true)
  public StudyPlan of(UUID playground) {
    return jdbc.sql(
            "SELECT primary_question_id, primary_is_preference, planned_testers_per_model"
                + " FROM playground_study_plans WHERE playground_id = ?")
        .param(playground)
        .query(
            (rs, n) ->
                new StudyPlan(
                    rs.getObject("primary_question_id", UUID.class),
                    rs.getBoolean("primary_is_preference"),
                    (Integer) rs.getObject("planned_testers_per_model")))
        .optional()
        .orElse(StudyPlan.NONE);
  }

  /** One of the current admin's A/B tests: tuning playgrounds compare versions, not agents. */
  @Transactional(readOnly = true)
  Playground abTest(UUID id) {
    return playgrounds
        .findOwn(id)
        .filter(p -> p.type() == PlaygroundType.AB_TESTING)
        .orElseThrow(() -> new NotFoundException("Playground"));
  }

  /**
   * The questions that can decide the study: ratings asked about both agents. A choice has no one
   * direction in which an agent is better, so it cannot name a winner by itself.
   */
  static List<Question> candidates(Playground playground) {
    return playground.questions().stream()
        .filter(q -> q.modelKey() == null && q.type() == QuestionType.RATING)
        .toList();
  }

  /** Validates the whole form first: nothing is written unless all of it is right. */
  @Transactional
  void save(UUID id, Form form) {
    Playground playground = abTest(id);
    StudyPlan before = of(id);
    Map<String, String> errors = new LinkedHashMap<>();
    String primary = form.primary() == null ? "" : form.primary().strip();
    UUID question = null;
    boolean preference = PREFERENCE.equals(primary);
    if (preference && !asksPreference(playground)) {
      errors.put(
          "primary",
          "Testers are not asked which agent they prefer here: turn that on in the editor first.");
    } else if (!primary.isEmpty() && !preference) {
      question =
          candidates(playground).stream()
              .map(Question::id)
              .filter(candidate -> candidate.toString().equals(primary))
              .findFirst()
              .orElse(null);
      if (question == null) {
        errors.put("primary", "Choose a rating question asked about both agents.");
      }
    }
    Integer planned = planned(form.plannedTesters(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    StudyPlan after = new StudyPlan(question, preference, planned);
    jdbc.sql(
            """
            INSERT INTO playground_study_plans (playground_id, primary_question_id,
                                                primary_is_preference, planned_testers_per_model,
                                                updated_by)
            VALUES (:p, :question, :preference, :planned, app_current_user_id())
            ON CONFLICT (playground_id) DO UPDATE
              SET primary_question_id = excluded.primary_question_id,
                  primary_is_preference = excluded.primary_is_preference,
                  planned_testers_per_model = excluded.planned_testers_per_model,
                  updated_by = excluded.updated_by
            """)
        .param("p", id)
        .param("question", question)
        .param("preference", preference)
        .param("planned", planned)
        .update();
    audit.record(
        new AuditEntry(
            "playground.plan_update", "playground", id, id, values(before), values(after)));
  }

  /**
   * The spread the planner assumes: the ratings' standard deviation within each agent, pooled, from
   * the primary question once it has {@link #OBSERVED_FROM} ratings; else 1 point, typical of a 1–5
   * scale.
   */
  record Spread(double deviation, long ratings, boolean observed) {}

  static final int OBSERVED_FROM = 20;

  @Transactional(readOnly = true)
  Spread spread(UUID playground, StudyPlan plan) {
    if (plan.primaryQuestion() != null) {
      double[] pooled = new double[2];
      jdbc.sql(
              """
              SELECT count(rating) AS n, coalesce(var_samp(rating), 0) AS variance
              FROM evaluations WHERE playground_id = ? AND question_id = ? AND rating IS NOT NULL
              GROUP BY model_key
              """)
          .params(playground, plan.primaryQuestion())
          .query(
              rs -> {
                long n = rs.getLong("n");
                pooled[0] += n;
                pooled[1] += (n - 1) * rs.getDouble("variance");
              });
      long n = (long) pooled[0];
      if (n >= OBSERVED_FROM && pooled[1] > 0) {
        return new Spread(Math.sqrt(pooled[1] / (n - 2)), n, true);
      }
    }
    return new Spread(1.0, 0, false);
  }

  /**
   * How many testers per agent find a difference with 80% power at 5%: read as often as one likes
   * (the confidence sequence Insights judge by), and, for comparison, read once at the end.
   */
  record Advice(String difference, long perAgent, long singleLook) {}

  static final double POWER = 0.8;

  /** The planner counts a look after every this many testers per agent. */
  static final int LOOK_EVERY = 10;

  static final double ALPHA = 0.05;

  static List<Advice> ratingAdvice(Spread spread) {
    return java.util.stream.DoubleStream.of(0.3, 0.5, 0.8)
        .mapToObj(
            d ->
                new Advice(
                    String.format("%.1f points on the 1–5 scale", d),
                    Planner.sequentialRatingsPerAgent(
                        d, spread.deviation(), ALPHA, POWER, LOOK_EVERY),
                    (long) Math.ceil(Planner.ratingsPerAgent(d, spread.deviation(), ALPHA, POWER))))
        .toList();
  }

  static List<Advice> choiceAdvice() {
    return java.util.stream.DoubleStream.of(0.6, 0.65, 0.75)
        .mapToObj(
            p ->
                new Advice(
                    String.format("50%% against %.0f%% choosing an answer", p * 100),
                    Planner.sequentialProportionsPerAgent(0.5, p, ALPHA, POWER, LOOK_EVERY),
                    (long) Math.ceil(Planner.proportionsPerAgent(0.5, p, ALPHA, POWER))))
        .toList();
  }

  private static boolean asksPreference(Playground playground) {
    return playground.settings().asksPreference();
  }

  private static Map<String, Object> values(StudyPlan plan) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("primary_question_id", plan.primaryQuestion());
    values.put("primary_is_preference", plan.primaryIsPreference());
    values.put("planned_testers_per_model", plan.plannedTestersPerAgent());
    return values;
  }

  private static Integer planned(String text, Map<String, String> errors) {
    String typed = text == null ? "" : text.strip().replace(",", "");
    if (typed.isEmpty()) {
      return null;
    }
    try {
      int testers = Integer.parseInt(typed);
      if (testers >= MIN_TESTERS && testers <= MAX_TESTERS) {
        return testers;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    errors.put(
        "plannedTesters",
        "A whole number of testers per agent from "
            + MIN_TESTERS
            + " to 100,000, or empty for no plan.");
    return null;
  }
}
