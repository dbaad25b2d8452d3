package com.earshot.insights.export;

import com.earshot.platform.web.NotFoundException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One of the downloads: answers, sessions or preferences, as CSV or JSON. Named in the URL as
 * {@code answers.csv}, {@code sessions.json}…; any other name is not found.
 */
record ExportFile(Shape shape, Format format) {

  /**
   * One row per answer, one row per session with a column per question, or one row per round's
   * head-to-head preference.
   */
  enum Shape {
    ANSWERS,
    SESSIONS,
    PREFERENCES;

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  enum Format {
    CSV("text/csv;charset=UTF-8"),
    JSON("application/json");

    private final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }

    String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    String contentType() {
      return contentType;
    }
  }

  ExportFile {
    if (shape == null || format == null) {
      throw new IllegalArgumentException("An export has a shape and a format");
    }
  }

  static ExportFile parse(String name) {
    for (Shape shape : Shape.values()) {
      for (Format format : Format.values()) {
        if (name.equals(shape.value() + "." + format.value())) {
          return new ExportFile(shape, format);
        }
      }
    }
    throw new NotFoundException("Export");
  }

  /** {@code voices-round-1-answers-2025-06-01.csv}: the playground, the shape and the day. */
  String fileName(String playgroundName, LocalDate day) {
    return slug(playgroundName) + "-" + shape.value() + "-" + day + "." + format.value();
  }

  /** Lower-case ASCII letters and digits between single dashes; accents dropped, not the letter. */
  static String slug(String name) {
    String ascii =
        Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 60) {
      slug = slug.substring(0, 60).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "playground" : slug;
  }
}
