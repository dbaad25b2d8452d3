package com.earshot.insights.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a server-rendered SVG chart: the template draws its shapes as they are. Series
 * differ by fill and pattern (solid, hatched), and every bar carries its number as text, so nothing
 * is told by colour alone.
 */
record Chart(String title, int width, int height, List<Shape> shapes, List<Label> labels) {

  /** A rectangle (bar) or, with zero width, a whisker line; {@code series} picks its style. */
  record Shape(double x, double y, double width, double height, int series) {

    public boolean isLine() {
      return width == 0 || height == 0;
    }
  }

  record Label(double x, double y, String text, String anchor) {}

  static final int LABEL_WIDTH = 170;
  static final int BAR = 16;

  /**
   * Horizontal bars: one group per row, one bar per series in it, each as long as its share of
   * 100%.
   *
   * @param values per row, per series: the percentage (0–100)
   * @param texts per row, per series: what the bar says ("62% (31)")
   */
  static Chart horizontal(
      String title,
      List<String> rows,
      List<String> series,
      List<double[]> values,
      List<String[]> texts) {
    int plot = 360;
    int group = BAR * series.size() + 10;
    List<Shape> shapes = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      double top = 6 + r * group;
      labels.add(new Label(LABEL_WIDTH - 8, top + group / 2.0, shorten(rows.get(r)), "end"));
      for (int s = 0; s < series.size(); s++) {
        double length = Math.max(0, Math.min(100, values.get(r)[s])) / 100 * plot;
        double y = top + s * BAR;
        shapes.add(new Shape(LABEL_WIDTH, y, Math.max(length, 1), BAR - 3, s));
        labels.add(
            new Label(
                LABEL_WIDTH + Math.max(length, 1) + 4,
                y + BAR / 2.0,
                series.size() > 1 ? series.get(s) + ": " + texts.get(r)[s] : texts.get(r)[s],
                "start"));
      }
    }
    return new Chart(title, LABEL_WIDTH + plot + 130, 12 + rows.size() * group, shapes, labels);
  }

  /**
   * Vertical bars per day, one per series side by side, with the count above each bar.
   *
   * @param counts per day, per series
   */
  static Chart daily(String title, List<String> days, List<String> series, List<long[]> counts) {
    int height = 170;
    int base = height - 28;
    double slot = Math.max(14, Math.min(60, 640.0 / Math.max(1, days.size())));
    double bar = (slot - 4) / series.size();
    long max = counts.stream().flatMapToLong(java.util.Arrays::stream).max().orElse(1);
    List<Shape> shapes = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    int every = (int) Math.ceil(days.size() / 12.0);
    for (int d = 0; d < days.size(); d++) {
      double left = 8 + d * slot;
      for (int s = 0; s < series.size(); s++) {
        long count = counts.get(d)[s];
        double length = max == 0 ? 0 : (double) count / max * (base - 22);
        double x = left + s * bar;
        shapes.add(new Shape(x, base - length, bar - 1, Math.max(length, 0.5), s));
        if (days.size() <= 16 && count > 0) {
          // the label is centred on y (dominant-baseline: middle): 10 clears the 12px text off the
          // bar
          labels.add(new Label(x + bar / 2, base - length - 10, Long.toString(count), "middle"));
        }
      }
      if (d % every == 0) {
        labels.add(new Label(left + (slot - 4) / 2, height - 10, days.get(d), "middle"));
      }
    }
    return new Chart(title, (int) (16 + days.size() * slot), height, shapes, labels);
  }

  /** A mean with its 95% interval per series, on the 1–5 scale. */
  static Chart intervals(String title, List<String> series, double[] means, double[][] bounds) {
    int plot = 360;
    List<Shape> shapes = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (int v = 1; v <= 5; v++) {
      double x = LABEL_WIDTH + (v - 1) / 4.0 * plot;
      labels.add(new Label(x, 14, Integer.toString(v), "middle"));
      shapes.add(new Shape(x, 20, 0, series.size() * 24, -1));
    }
    for (int s = 0; s < series.size(); s++) {
      double y = 32 + s * 24;
      labels.add(new Label(LABEL_WIDTH - 8, y, shorten(series.get(s)), "end"));
      if (Double.isNaN(means[s])) {
        continue;
      }
      double low = Double.isNaN(bounds[s][0]) ? means[s] : Math.max(1, bounds[s][0]);
      double high = Double.isNaN(bounds[s][1]) ? means[s] : Math.min(5, bounds[s][1]);
      shapes.add(new Shape(scale(low, plot), y, scale(high, plot) - scale(low, plot), 0, s));
      shapes.add(new Shape(scale(means[s], plot) - 4, y - 4, 8, 8, s));
      labels.add(new Label(scale(5, plot) + 12, y + 4, String.format("%.2f", means[s]), "start"));
    }
    return new Chart(title, LABEL_WIDTH + plot + 70, 40 + series.size() * 24, shapes, labels);
  }

  private static double scale(double value, int plot) {
    return LABEL_WIDTH + (value - 1) / 4.0 * plot;
  }

  private static String shorten(String text) {
    return text.length() <= 26 ? text : text.substring(0, 25) + "…";
  }
}
