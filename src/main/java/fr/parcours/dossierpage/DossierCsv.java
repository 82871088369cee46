package fr.parcours.dossierpage;

import fr.parcours.dossierpage.DossierPages.Words;
import fr.parcours.dossierpage.DossierSummary.TrackState;
import fr.parcours.dossierpage.DossierSummary.Window;
import fr.parcours.shared.SpreadsheetCsv;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * The list of dossiers as a spreadsheet opens it: UTF-8 with its byte order mark, semicolons (a French
 * spreadsheet's separator), one dossier a line, the columns of the page; formula cells neutralised
 * ({@link SpreadsheetCsv}).
 */
final class DossierCsv {

  private DossierCsv() {
  }

  static String write(List<DossierSummary> dossiers, Words words, MessageSource messages, Locale locale) {
    List<List<String>> rows = dossiers.stream().map(d -> List.of(d.number(), d.pathwayName(), d.company(), d.device(),
        d.open() ? messages.getMessage("state.open", null, locale)
            : messages.getMessage("state.closed", new Object[] {words.date(d.closedAt())}, locale),
        d.tracks().stream().map(t -> track(t, messages.getMessage("colon", null, locale)))
            .collect(Collectors.joining(" | ")),
        d.nextSteps().stream().map(s -> s.name() + " (" + s.due() + ")").collect(Collectors.joining(" | ")),
        d.open() ? words.day(d.nextDue()) : "",
        messages.getMessage(d.overdue() ? "csv.yes" : "csv.no", null, locale),
        words.date(d.startedAt()))).toList();
    return SpreadsheetCsv.write(List.of("number", "pathway", "company", "device", "state", "tracks", "nextSteps",
        "nextDue", "overdue", "started").stream().map(k -> messages.getMessage("csv." + k, null, locale)).toList(), rows);
  }

  private static String track(TrackState track, String colon) {
    String windows = track.openWindows().stream().map(Window::sentence).collect(Collectors.joining(" "));
    return track.name() + colon + track.state() + (windows.isEmpty() ? "" : " " + windows);
  }
}
