package fr.parcours.dossierpage;

import fr.parcours.dossierpage.DossierPages.Words;
import fr.parcours.dossierpage.DossierSummary.TrackState;
import fr.parcours.dossierpage.DossierSummary.Window;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * The list of dossiers as a spreadsheet opens it: UTF-8 with its byte order mark, semicolons (a French
 * spreadsheet's separator), one dossier a line, the columns of the page. A cell that a spreadsheet would take
 * for a formula (starting with = + - @) is written as text.
 */
final class DossierCsv {

  private DossierCsv() {
  }

  static String write(List<DossierSummary> dossiers, Words words, MessageSource messages, Locale locale) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    line(csv, List.of("number", "pathway", "company", "device", "state", "tracks", "nextSteps", "nextDue",
        "overdue", "started").stream().map(k -> messages.getMessage("csv." + k, null, locale)).toList());
    for (DossierSummary d : dossiers) {
      line(csv, List.of(d.number(), d.pathwayName(), d.company(), d.device(),
          d.open() ? messages.getMessage("state.open", null, locale)
              : messages.getMessage("state.closed", new Object[] {words.date(d.closedAt())}, locale),
          d.tracks().stream().map(t -> track(t, messages.getMessage("colon", null, locale)))
              .collect(Collectors.joining(" | ")),
          d.nextSteps().stream().map(s -> s.name() + " (" + s.due() + ")").collect(Collectors.joining(" | ")),
          d.open() ? words.day(d.nextDue()) : "",
          messages.getMessage(d.overdue() ? "csv.yes" : "csv.no", null, locale),
          words.date(d.startedAt())));
    }
    return csv.toString();
  }

  private static String track(TrackState track, String colon) {
    String windows = track.openWindows().stream().map(Window::sentence).collect(Collectors.joining(" "));
    return track.name() + colon + track.state() + (windows.isEmpty() ? "" : " " + windows);
  }

  private static void line(StringBuilder csv, List<String> cells) {
    csv.append(cells.stream().map(DossierCsv::cell).collect(Collectors.joining(";"))).append("\r\n");
  }

  static String cell(String value) {
    String text = value == null ? "" : value.replace("\r", " ").replace("\n", " ");
    if (!text.isEmpty() && "=+-@\t".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
