package com.earshot.insights.review;

import com.earshot.insights.statistics.Statistics.Kappa;
import com.earshot.insights.statistics.Statistics.MeanInterval;
import com.earshot.platform.web.Percent;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Question;
import java.math.BigDecimal;
import java.util.List;

/**
 * What ElevenLabs recorded of a playground's counted calls: their length and success per model,
 * results per ElevenLabs agent version, and how far its evaluation criteria agree with testers.
 */
public record CallInsights(
    List<ModelCalls> models, List<VersionCalls> versions, List<Agreement> agreements) {

  public boolean isEmpty() {
    return models.stream().allMatch(m -> m.calls() == 0) && agreements.isEmpty();
  }

  /**
   * A model's calls: duration quartiles (seconds, interpolated between the nearest ranks, as
   * PostgreSQL's percentile_cont does), and ElevenLabs' call_successful verdicts.
   *
   * @param analysed calls ElevenLabs gave a verdict (success, failure or unknown)
   */
  public record ModelCalls(
      ModelKey model,
      String name,
      long calls,
      Double lowerQuartile,
      Double median,
      Double upperQuartile,
      long analysed,
      long successful) {

    /** Of the calls ElevenLabs analysed, the share it judged successful (null: none analysed). */
    public BigDecimal successPercent() {
      return Percent.of(successful, analysed);
    }
  }

  /**
   * One ElevenLabs agent version (version_id) of a model: its sessions, calls and the mean of each
   * rating question ({@code ratingQuestions}' order).
   */
  public record VersionCalls(
      ModelKey model,
      String versionId,
      long sessions,
      Double medianDuration,
      long analysed,
      long successful,
      List<MeanInterval> ratings) {

    public BigDecimal successPercent() {
      return Percent.of(successful, analysed);
    }
  }

  /**
   * A choice question read as an ElevenLabs criterion: Cohen's kappa of testers against ElevenLabs.
   *
   * @param table [tester success, tester failure] × [ElevenLabs success, ElevenLabs failure]
   */
  public record Agreement(Question question, String criterionId, long[][] table, Kappa kappa) {

    public long agreed() {
      return table[0][0] + table[1][1];
    }

    /** "Cohen's κ = 0.68 (95% interval 0.53 – 0.82), n = 105: they agreed on 89." */
    public String sentence() {
      if (kappa.n() == 0) {
        return "No session has both a tester’s answer and ElevenLabs’ verdict yet.";
      }
      if (Double.isNaN(kappa.kappa())) {
        return "n = "
            + kappa.n()
            + ": every answer is the same, so agreement beyond chance cannot be told.";
      }
      return String.format(
          java.util.Locale.ROOT,
          "Cohen’s κ = %.2f (95%% interval %.2f – %.2f), n = %d: they agreed on %d.",
          kappa.kappa(),
          kappa.low(),
          kappa.high(),
          kappa.n(),
          agreed());
    }
  }
}
