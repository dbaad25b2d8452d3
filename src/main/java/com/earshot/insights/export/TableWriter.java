package com.earshot.insights.export;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a table row by row straight to the download, holding no more than the row at hand. Cells
 * are strings, numbers, UUIDs, UTC timestamps ({@link LocalDateTime} as the database stores them)
 * or null.
 */
interface TableWriter {

  void header(List<String> columns) throws IOException;

  /** One row, its cells in the order of the header. */
  void row(List<?> cells) throws IOException;

  /** Ends the table and flushes it to the client. */
  void finish() throws IOException;

  static TableWriter of(ExportFile.Format format, OutputStream out, JsonMapper json) {
    return switch (format) {
      case CSV -> new CsvTableWriter(out);
      case JSON -> new JsonTableWriter(out, json);
    };
  }

  /** A timestamp as ISO-8601 in UTC: {@code 2025-06-01T09:30:00.123456Z}. */
  static String utc(LocalDateTime time) {
    return time.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
