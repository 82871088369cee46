package fr.parcours.dossierpage;

import fr.parcours.deadline.LegalDates;
import fr.parcours.security.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Parcours' dossier pages, for the person signed in to the webapps (the Tasklist session: the link in
 * Tasklist's header and in the mails opens them without a second sign-in):
 * <ul>
 *   <li>{@code /dossiers}: "My dossiers" for a vendor (every dossier of its company, open and closed), the
 *   dossiers a reviewer group instructs for a reviewer, with filters, sorting and</li>
 *   <li>{@code /dossiers/export}: the same list, as filtered, in CSV;</li>
 *   <li>{@code /dossiers/<number>}: where one dossier stands, its diagrams, what happened, the mails sent;</li>
 *   <li>{@code /dossiers/<number>/diagrams/<instance>}: the BPMN of one of its instances, for the viewer.</li>
 * </ul>
 * A dossier of another company and a number that names no dossier answer the same 404 sentence; nobody signed
 * in is asked to sign in (401).
 */
@Controller
class DossierPages {

  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final MessageSource messages;
  private final ZoneId zone;

  DossierPages(ProcessEngine engine, DossierBoard board, MessageSource messages,
      @Value("${parcours.zone:Europe/Paris}") String zone) {
    this.engine = engine;
    this.board = board;
    this.messages = messages;
    this.zone = ZoneId.of(zone);
  }

  /** Dates as the pages write them, in the page's language. */
  public record Words(Locale locale, ZoneId zone) {
    public String date(Instant instant) {
      return instant == null ? "" : LegalDates.date(instant.atZone(zone).toLocalDate(), locale);
    }

    public String day(LocalDate day) {
      return day == null ? "" : LegalDates.date(day, locale);
    }
  }

  @GetMapping("/dossiers")
  String list(BoardFilter filter, HttpServletRequest request, HttpServletResponse response, Locale locale,
      Model model) {
    Optional<Viewer> viewer = viewer(request, locale);
    secure(response);
    if (viewer.isEmpty()) {
      return signIn(response, model, locale, "/dossiers");
    }
    List<DossierSummary> all = board.visibleTo(viewer.get());
    List<DossierSummary> shown = filter.apply(all, board.today());
    model.addAttribute("viewer", viewer.get());
    model.addAttribute("filter", filter);
    model.addAttribute("dossiers", shown);
    model.addAttribute("total", all.size());
    model.addAttribute("pathways", board.pathwayNames());
    model.addAttribute("companies", new TreeSet<>(all.stream().map(DossierSummary::company)
        .filter(c -> !c.isBlank()).toList()));
    model.addAttribute("words", new Words(locale, zone));
    model.addAttribute("exportLink", "/dossiers/export" + (request.getQueryString() == null ? ""
        : "?" + request.getQueryString()));
    return "dossiers/list";
  }

  @GetMapping("/dossiers/export")
  ResponseEntity<String> export(BoardFilter filter, HttpServletRequest request, Locale locale) {
    Optional<Viewer> viewer = viewer(request, locale);
    if (viewer.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_PLAIN)
          .body(messages.getMessage("signIn.text", null, locale));
    }
    List<DossierSummary> shown = filter.apply(board.visibleTo(viewer.get()), board.today());
    String csv = DossierCsv.write(shown, new Words(locale, zone), messages, locale);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("dossiers.csv")
            .build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(csv);
  }

  @GetMapping("/dossiers/{number}")
  String dossier(@PathVariable String number, HttpServletRequest request, HttpServletResponse response,
      Locale locale, Model model) {
    Optional<Viewer> viewer = viewer(request, locale);
    secure(response);
    if (viewer.isEmpty()) {
      return signIn(response, model, locale, "/dossiers/" + number);
    }
    Optional<DossierDetail> dossier = board.read(viewer.get(), number);
    if (dossier.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("number", number);
      return "dossiers/missing";
    }
    model.addAttribute("viewer", viewer.get());
    model.addAttribute("dossier", dossier.get());
    model.addAttribute("words", new Words(locale, zone));
    return "dossiers/page";
  }

  @GetMapping("/dossiers/{number}/diagrams/{instanceId}")
  @ResponseBody
  ResponseEntity<String> diagram(@PathVariable String number, @PathVariable String instanceId,
      HttpServletRequest request, Locale locale) {
    Optional<Viewer> viewer = viewer(request, locale);
    if (viewer.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_PLAIN)
          .body(messages.getMessage("signIn.text", null, locale));
    }
    return board.diagram(viewer.get(), number, instanceId)
        .map(xml -> ResponseEntity.ok().contentType(new MediaType("application", "xml", StandardCharsets.UTF_8))
            .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Content-Type-Options", "nosniff").body(xml))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
            .body(messages.getMessage("missing.text", new Object[] {number}, locale)));
  }

  private Optional<Viewer> viewer(HttpServletRequest request, Locale locale) {
    UserAuthentication signedIn = WebappSession.user(request, engine.getName());
    if (signedIn == null || signedIn.getName() == null) {
      return Optional.empty();
    }
    return Optional.of(board.viewer(signedIn.getName(), locale));
  }

  private String signIn(HttpServletResponse response, Model model, Locale locale, String path) {
    response.setStatus(HttpStatus.UNAUTHORIZED.value());
    model.addAttribute("path", path);
    return "dossiers/sign-in";
  }

  private static void secure(HttpServletResponse response) {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
  }
}
