package com.earshot.insights.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.insights.dashboard.Chart.Label;
import com.earshot.insights.dashboard.Chart.Series;
import com.earshot.insights.dashboard.Chart.Shape;
import com.earshot.playground.ModelKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry the charts are drawn with: the browser check is in {@link InsightsJourneyTests}. */
class ChartTests {

  @Test
  void shouldDrawAModelInItsOwnStyleWhenItIsTheOnlySeries() {
    Chart onlyB =
        Chart.horizontal(
            "B only",
            List.of("Yes", "No"),
            List.of(new Series(ModelKey.MODEL_B, "B")),
            List.of(new double[] {75}, new double[] {25}),
            List.of(new String[] {"75% (3)"}, new String[] {"25% (1)"}));
    assertThat(onlyB.shapes()).extracting(Shape::style).containsOnly("model-b");
    Chart interval =
        Chart.intervals(
            "B only",
            List.of(new Series(ModelKey.MODEL_B, "B · Heron")),
            new double[] {4},
            new double[][] {{3.5, 4.5}});
    assertThat(interval.shapes())
        .extracting(Shape::style)
        .containsOnly("grid", "model-b")
        .contains("model-b");
  }

  @Test
  void shouldWrapALongNameOntoLinesInsteadOfCuttingIt() {
    String name = "B · Heron prompt v3 with the new booking flow and a slower voice";
    Chart chart =
        Chart.intervals(
            "Mean",
            List.of(new Series(ModelKey.MODEL_A, "A · Falcon"), new Series(ModelKey.MODEL_B, name)),
            new double[] {2, 4},
            new double[][] {{1.5, 2.5}, {3.5, 4.5}});
    List<String> nameLines =
        chart.labels().stream()
            .filter(label -> label.anchor().equals("start") && label.x() == 0)
            .map(Label::text)
            .toList();
    assertThat(String.join(" ", nameLines)).isEqualTo("A · Falcon " + name);
    assertThat(nameLines).hasSizeGreaterThan(2);
    assertThat(chart.labels())
        .allSatisfy(label -> assertThat(rightEdgeOf(label)).isLessThanOrEqualTo(chart.width()));
  }

  @Test
  void shouldKeepEveryLabelInsideAChartNarrowerThanAPhone() {
    Chart chart =
        Chart.horizontal(
            "Answers",
            List.of("Very natural, like a person on the phone", "Robotic"),
            List.of(new Series(ModelKey.MODEL_A, "A"), new Series(ModelKey.MODEL_B, "B")),
            List.of(new double[] {100, 0}, new double[] {0, 100}),
            List.of(new String[] {"100.00% (50)", "0"}, new String[] {"0", "100.00% (50)"}));
    assertThat(chart.width()).isLessThanOrEqualTo(Chart.WIDTH);
    assertThat(chart.labels())
        .allSatisfy(
            label -> {
              assertThat(label.x()).isGreaterThanOrEqualTo(0);
              assertThat(rightEdgeOf(label)).isLessThanOrEqualTo(chart.width());
              assertThat(label.y()).isBetween(0.0, (double) chart.height());
            });
  }

  @Test
  void shouldBreakAWordLongerThanALine() {
    assertThat(Chart.wrap("a " + "x".repeat(30), 10 * Chart.CHARACTER))
        .containsExactly("a", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxxxxxxx");
    assertThat(Chart.wrap("", 100)).containsExactly("");
  }

  private static double rightEdgeOf(Label label) {
    double width = Chart.widthOf(label.text());
    return switch (label.anchor()) {
      case "end" -> label.x();
      case "middle" -> label.x() + width / 2;
      default -> label.x() + width;
    };
  }
}
