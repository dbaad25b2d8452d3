package com.earshot.insights.dashboard;

import com.earshot.playground.ModelKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a server-rendered SVG chart: the template draws its shapes as they are. Series
 * differ by fill and pattern (solid, hatched), and every bar carries its number as text, so nothing
 * is told by colour alone. Each model has its own style on every chart ({@link #styleOf}), whatever
 * else the chart shows.
 *
 * <p>Readable on a phone: a chart is at most {@link #WIDTH} wide, narrower than a 390 px phone's
 * card, so it is never scaled down and its 12 px text stays 12 px. Labels sit above their bars, on
 * as many lines as they need: none is cut or runs off the chart.
 */
record Chart(String title, int width, int height, List<Shape> shapes, List<Label> labels) {

  /** A rectangle (bar) or, with zero width or height, a line; {@code style} is its CSS class. */
  record Shape(double x, double y, double width, double height, String style) {

    public boolean isLine() {
      return width == 0 || height == 0;
    }
  }

  record Label(double x, double y, String text, String anchor) {}

  /** One series of a chart: a model, named as the chart says it. */
  record Series(ModelKey model, String name) {}

  /** Fits a 390 px phone's card (about 330 px inside its padding) without scaling. */
  static final int WIDTH = 320;

  static final int BAR = 16;
  static final int LINE = 16;

  /** A generous width of one character of 12 px text: labels are wrapped and placed by it. */
  static final double CHARACTER = 7.2;

  private static final String GRID = "grid";

  /** The CSS class of a model's marks: the same on every chart, legend and swatch. */
  static String styleOf(ModelKey model) {
    return "model-" + model.letter().toLowerCase(Locale.ROOT);
  }

  /**
   * Horizontal bars: one group per row, its label above, one bar per series, each as long as its
   * share of 100%, with its text after it.
   *
   * @param values per row, per series: the percentage (0–100)
   * @param texts per row, per series: what the bar says ("62% (31)")
   */
  static Chart horizontal(
      String title,
      List<String> rows,
      List<Series> series,
      List<double[]> values,
      List<String[]> texts) {
    List<String[]> said = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = new String[series.size()];
      for (int s = 0; s < series.size(); s++) {
        row[s] =
            series.size() > 1 ? series.get(s).name() + ": " + texts.get(r)[s] : texts.get(r)[s];
      }
      said.add(row);
    }
    double widest =
        said.stream().flatMap(Arrays::stream).mapToDouble(Chart::widthOf).max().orElse(0);
    double plot = WIDTH - widest - 8;
    List<Shape> shapes = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    double y = 0;
    for (int r = 0; r < rows.size(); r++) {
      for (String line : wrap(rows.get(r), WIDTH)) {
        labels.add(new Label(0, y + LINE / 2.0, line, "start"));
        y += LINE;
      }
      for (int s = 0; s < series.size(); s++) {
        double length = Math.max(1, Math.max(0, Math.min(100, values.get(r)[s])) / 100 * plot);
        shapes.add(new Shape(0, y + 1, length, BAR - 3, styleOf(series.get(s).model())));
        labels.add(new Label(length + 4, y + BAR / 2.0, said.get(r)[s], "start"));
        y += BAR;
      }
      y += 8;
    }
    return new Chart(title, WIDTH, (int) Math.ceil(y), shapes, labels);
  }

  /**
   * Vertical bars per day, one per series side by side, with the count above each bar when it fits,
   * and the day under every few bars.
   *
   * @param counts per day, per series
   */
  static Chart daily(String title, List<String> days, List<Series> series, List<long[]> counts) {
    int height = 170;
    int base = height - 28;
    double slot = Math.min(60, (WIDTH - 16.0) / Math.max(1, days.size()));
    double bar = (slot - 4) / series.size();
    long max = counts.stream().flatMapToLong(Arrays::stream).max().orElse(1);
    boolean countsFit = bar >= widthOf(Long.toString(max));
    double dayWidth = days.stream().mapToDouble(Chart::widthOf).max().orElse(0);
    int every = (int) Math.ceil((dayWidth + 8) / slot);
    List<Shape> shapes = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    double width = 16 + days.size() * slot;
    for (int d = 0; d < days.size(); d++) {
      double left = 8 + d * slot;
      for (int s = 0; s < series.size(); s++) {
        long count = counts.get(d)[s];
        double length = max == 0 ? 0 : (double) count / max * (base - 22);
        double x = left + s * bar;
        shapes.add(
            new Shape(
                x, base - length, bar - 1, Math.max(length, 0.5), styleOf(series.get(s).model())));
        if (countsFit && count > 0) {
          // centred on y (dominant-baseline: middle): 10 clears the 12 px text off the bar
          labels.add(new Label(x + bar / 2, base - length - 10, Long.toString(count), "middle"));
        }
      }
      if (d % every == 0) {
        labels.add(new Label(left, height - 10, days.get(d), "start"));
        width = Math.max(width, left + dayWidth + 2);
      }
    }
    return new Chart(title, (int) Math.ceil(width), height, shapes, labels);
  }

  /**
   * A mean with its 95% interval per series, on the 1–5 scale: the series' name above its line. The
   * bounds are drawn as given (already within the scale, see {@code Statistics}).
   */
  static Chart intervals(String title, List<Series> series, double[] means, double[][] bounds) {
    double plot = WIDTH - 16 - widthOf("5.00") - 12;
    List<Shape> shapes = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    List<List<String>> names = series.stream().map(s -> wrap(s.name(), WIDTH)).toList();
    int lines = names.stream().mapToInt(List::size).sum();
    int height = 28 + lines * LINE + series.size() * 20;
    for (int v = 1; v <= 5; v++) {
      double x = scale(v, plot);
      labels.add(new Label(x, 10, Integer.toString(v), "middle"));
      shapes.add(new Shape(x, 20, 0, height - 24, GRID));
    }
    double y = 24;
    for (int s = 0; s < series.size(); s++) {
      for (String line : names.get(s)) {
        labels.add(new Label(0, y + LINE / 2.0, line, "start"));
        y += LINE;
      }
      y += 10;
      if (!Double.isNaN(means[s])) {
        double low = Double.isNaN(bounds[s][0]) ? means[s] : bounds[s][0];
        double high = Double.isNaN(bounds[s][1]) ? means[s] : bounds[s][1];
        String style = styleOf(series.get(s).model());
        shapes.add(new Shape(scale(low, plot), y, scale(high, plot) - scale(low, plot), 0, style));
        shapes.add(new Shape(scale(means[s], plot) - 4, y - 4, 8, 8, style));
        labels.add(
            new Label(
                scale(5, plot) + 12, y, String.format(Locale.ROOT, "%.2f", means[s]), "start"));
      }
      y += 10;
    }
    return new Chart(title, WIDTH, height, shapes, labels);
  }

  /** 1 … 5 across the plot, inset so that the scale's numbers fit at both ends. */
  private static double scale(double value, double plot) {
    return 8 + (value - 1) / 4.0 * plot;
  }

  static double widthOf(String text) {
    return text.length() * CHARACTER;
  }

  /** {@code text} in lines that fit {@code width}, broken between words (inside one too long). */
  static List<String> wrap(String text, double width) {
    int most = Math.max(1, (int) (width / CHARACTER));
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      while (word.length() > most) {
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, most));
        word = word.substring(most);
      }
      if (!line.isEmpty() && line.length() + 1 + word.length() > most) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.isEmpty() ? "" : " ").append(word);
    }
    if (!line.isEmpty() || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
