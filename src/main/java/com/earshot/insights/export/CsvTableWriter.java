package com.earshot.insights.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * RFC 4180 CSV in UTF-8: CRLF line ends; a cell with a comma, quote or line break is quoted, and so
 * is one with a semicolon or a tab, the separators spreadsheets use in other locales.
 */
class CsvTableWriter implements TableWriter {

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;
  private static final CSVFormat QUOTED = FORMAT.builder().setQuoteMode(QuoteMode.ALL).get();

  private final Writer out;

  CsvTableWriter(OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  @Override
  public void header(List<String> columns) throws IOException {
    row(columns);
  }

  @Override
  public void row(List<?> cells) throws IOException {
    boolean first = true;
    for (Object cell : cells) {
      String text = defuse(text(cell));
      // A spreadsheet that splits on ";" or a tab would otherwise start a cell inside this one.
      CSVFormat format = text.indexOf(';') >= 0 || text.indexOf('\t') >= 0 ? QUOTED : FORMAT;
      format.print(text, out, first);
      first = false;
    }
    FORMAT.println(out);
  }

  @Override
  public void finish() throws IOException {
    out.flush();
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
   * (CSV injection: a tester's answer "=HYPERLINK(…)" would run on the admin's machine), also after
   * leading spaces and invisible characters (no-break or zero-width spaces, a byte-order mark), and
   * they read the fullwidth and small forms of those signs as the signs. Such a cell gets a leading
   * apostrophe, which spreadsheets read as "this is text". Only the CSV is changed: the JSON export
   * carries what was typed, unaltered.
   */
  static String defuse(String text) {
    if (text.startsWith("\t") || text.startsWith("\r")) {
      return "'" + text;
    }
    int i = 0;
    while (i < text.length() && invisible(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    if (i < text.length() && formulaSign(text.codePointAt(i))) {
      return "'" + text;
    }
    return text;
  }

  private static boolean invisible(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || type == Character.FORMAT
        || type == Character.CONTROL;
  }

  /** = + - @, or a compatibility form of one (＝, ﹦, ＋, －, ＠ …). */
  private static boolean formulaSign(int codePoint) {
    String sign = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKC);
    return sign.length() == 1 && "=+-@".indexOf(sign.charAt(0)) >= 0;
  }
}
