package fr.parcours.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table as a French spreadsheet opens it: UTF-8 with its byte order mark, semicolons, one row a line ending in
 * CR LF. A cell that a spreadsheet would take for a formula (starting with = + - @ or a tab) is written as text, so a
 * company name typed as a formula never runs on the reader's machine.
 */
public final class SpreadsheetCsv {

  private SpreadsheetCsv() {
  }

  /** The header line, then one line per row. */
  public static String write(List<String> header, List<List<String>> rows) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    line(csv, header);
    rows.forEach(row -> line(csv, row));
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<String> cells) {
    csv.append(cells.stream().map(SpreadsheetCsv::cell).collect(Collectors.joining(";"))).append("\r\n");
  }

  /** One cell, quoted; line breaks become spaces; a leading formula character is neutralised with a quote. */
  public static String cell(String value) {
    String text = value == null ? "" : value.replace("\r", " ").replace("\n", " ");
    if (!text.isEmpty() && "=+-@\t".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
