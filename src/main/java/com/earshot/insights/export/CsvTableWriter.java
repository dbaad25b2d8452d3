package com.earshot.insights.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** RFC 4180 CSV in UTF-8: CRLF line ends; a cell with a comma, quote or line break is quoted. */
class CsvTableWriter implements TableWriter {

  private final CSVPrinter printer;

  CsvTableWriter(OutputStream out) {
    try {
      printer =
          new CSVPrinter(
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
              CSVFormat.RFC4180);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void header(List<String> columns) throws IOException {
    row(columns);
  }

  @Override
  public void row(List<?> cells) throws IOException {
    List<String> texts = new ArrayList<>(cells.size());
    for (Object cell : cells) {
      texts.add(defuse(text(cell)));
    }
    printer.printRecord(texts);
  }

  @Override
  public void finish() throws IOException {
    printer.flush();
  }

  private static String text(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof LocalDateTime time) {
      return TableWriter.utc(time);
    }
    return cell.toString();
  }

  /**
   * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a formula
   * (CSV injection: a tester's answer "=HYPERLINK(…)" would run on the admin's machine). Such a
   * cell gets a leading apostrophe, which spreadsheets read as "this is text". Only the CSV is
   * changed: the JSON export carries what was typed, unaltered.
   */
  static String defuse(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }
}
