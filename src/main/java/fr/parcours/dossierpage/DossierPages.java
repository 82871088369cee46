package fr.parcours.dossierpage;

import fr.parcours.deadline.LegalDates;
import fr.parcours.dossier.DossierLinks;
import fr.parcours.evidence.UploadedFiles;
import fr.parcours.notification.DossierDocuments;
import fr.parcours.notification.DossierDocuments.Document;
import fr.parcours.security.PageToken;
import fr.parcours.security.WebappSession;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.DossierNotes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;
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
import org.springframework.context.annotation.Lazy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * Parcours' dossier pages, for the person signed in to the webapps (the Tasklist session: the link in
 * Tasklist's header and in the mails opens them without a second sign-in):
 * <ul>
 *   <li>{@code /dossiers}: "My dossiers" for a vendor (every dossier of its company, open and closed), the
 *   dossiers a reviewer group instructs for a reviewer, with filters, sorting and</li>
 *   <li>{@code /dossiers/export}: the same list, as filtered, in CSV;</li>
 *   <li>{@code /dossiers/<number>}: where one dossier stands, its diagrams, what happened, the mails sent;</li>
 *   <li>{@code /dossiers/<number>/diagrams/<instance>}: the BPMN of one of its instances, for the viewer;</li>
 *   <li>{@code POST /dossiers/<number>/messages}: a message between the vendor and an agency, with its files;</li>
 *   <li>{@code GET /dossiers/<number>/messages/<message>/files/<file>}: a file joined to a message;</li>
 *   <li>{@code /dossiers/<number>/documents/<id>}: a document Parcours drew up for it, as PDF.</li>
 * </ul>
 * A dossier of another company and a number that names no dossier answer the same 404 sentence; nobody signed
 * in is asked to sign in (401).
 */
@Lazy
@Controller
class DossierPages {

  static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

  static final String CSRF = "dossierCsrf";

  private final ProcessEngine engine;
  private final DossierBoard board;
  private final DossierMessages thread;
  private final DossierDocuments documents;
  private final MessageSource messages;
  private final ZoneId zone;
  private final DossierLinks links;

  /** What the pathways say about their dossiers (the evidence case of a certification cycle). */
  private final List<DossierNotes> notes;

  DossierPages(ProcessEngine engine, DossierBoard board, DossierMessages thread, DossierDocuments documents,
      MessageSource messages, @Value("${parcours.zone:Europe/Paris}") String zone, DossierLinks links,
      List<DossierNotes> notes) {
    this.notes = List.copyOf(notes);
    this.links = links;
    this.documents = documents;
    this.engine = engine;
    this.board = board;
    this.thread = thread;
    this.messages = messages;
    this.zone = ZoneId.of(zone);
  }

  /** Dates as the pages write them, in the page's language. */
  public record Words(Locale locale, ZoneId zone) {
    public String date(Instant instant) {
      return instant == null ? "" : LegalDates.date(instant.atZone(zone).toLocalDate(), locale);
    }

    public String time(Instant instant) {
      return instant == null ? "" : java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", locale)
          .format(instant.atZone(zone));
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
    Map<String, List<String>> awaiting = thread.awaitingAnswer(viewer.get(), all);
    List<DossierSummary> shown = filter.apply(all, board.today(), awaiting.keySet());
    model.addAttribute("awaiting", awaiting);
    model.addAttribute("truncated", board.moreThanOneListHolds(viewer.get()));
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
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(SignedInPage.TEXT)
          .body(messages.getMessage("signIn.text", null, locale));
    }
    List<DossierSummary> all = board.visibleTo(viewer.get());
    List<DossierSummary> shown = filter.apply(all, board.today(), thread.awaitingAnswer(viewer.get(), all).keySet());
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
    Visit visit = visit(number, request, response, locale, model);
    return visit.refusal() != null ? visit.refusal()
        : page(visit.viewer(), visit.dossier(), request, model, null, null, null);
  }

  /**
   * A message of the dossier's thread (the form of its page): kept, then the other side is mailed; back to the
   * thread. Refused with the page's sentence: another company's dossier (404, as on the page), a post without
   * the page's token or the form's key (403), a closed dossier, an empty or too long text, an agency that does not
   * instruct it (400, the text kept in the form). Nothing is kept when refused. The same form posted again (its key)
   * keeps nothing more and mails nobody: back to the thread, where the first post's message is.
   */
  @PostMapping("/dossiers/{number}/messages")
  String post(@PathVariable String number, @RequestParam(required = false) String body,
      @RequestParam(required = false) String agency, @RequestParam(required = false) boolean awaitingAnswer,
      @RequestParam(name = "csrf", required = false) String csrf,
      @RequestParam(name = "submission", required = false) String submission,
      @RequestParam(name = "files", required = false) List<MultipartFile> files,
      HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) throws IOException {
    Visit visit = visit(number, request, response, locale, model);
    if (visit.refusal() != null) {
      return visit.refusal();
    }
    if (!PageToken.matches(request, CSRF, csrf) || !wellFormedSubmission(submission)) {
      response.setStatus(HttpStatus.FORBIDDEN.value());
      return page(visit.viewer(), visit.dossier(), request, model, messages.getMessage("messages.refused.csrf", null,
          locale), body, agency);
    }
    try {
      thread.post(visit.viewer(), visit.dossier().summary(), agency, body, awaitingAnswer, uploads(files),
          submission);
    } catch (BadInputException refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return page(visit.viewer(), visit.dossier(), request, model, refused.getMessage(), body, agency);
    }
    response.setStatus(HttpStatus.SEE_OTHER.value());
    response.setHeader(HttpHeaders.LOCATION, "/dossiers/" + number + "?sent#messages");
    return null;
  }

  /**
   * The key the message form carries, new each time the page shows it (a random UUID): the same form posted twice
   * keeps one message ({@link DossierMessages#post}). A post without one (a page shown by the version before, a
   * hand-made post) is answered as an expired page, its text left in the form.
   */
  private static boolean wellFormedSubmission(String submission) {
    return submission != null && submission.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  /** The files sent with the form; the empty part a browser sends when no file was chosen is none. */
  private static List<DossierMessages.Upload> uploads(List<MultipartFile> files) throws IOException {
    List<DossierMessages.Upload> uploads = new ArrayList<>();
    for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
      boolean noFileChosen = file.isEmpty() && (file.getOriginalFilename() == null
          || file.getOriginalFilename().isBlank());
      if (!noFileChosen) {
        // read only up to one byte past the limit: the check refuses it, a huge upload is never held whole
        byte[] content = file.getSize() > UploadedFiles.MAX_SIZE.toBytes()
            ? file.getInputStream().readNBytes(Math.toIntExact(UploadedFiles.MAX_SIZE.toBytes() + 1))
            : file.getBytes();
        uploads.add(new DossierMessages.Upload(file.getOriginalFilename(), content));
      }
    }
    return uploads;
  }

  /**
   * A file joined to a message, as an attachment, to whoever reads the message: the vendor's company, the agency
   * it is to or from, a process owner; anyone else gets the page's "no such dossier".
   */
  @GetMapping("/dossiers/{number}/messages/{messageId}/files/{fileId}")
  ResponseEntity<?> attachment(@PathVariable String number, @PathVariable String messageId,
      @PathVariable String fileId, HttpServletRequest request, Locale locale) {
    Optional<Viewer> viewer = viewer(request, locale);
    if (viewer.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(SignedInPage.TEXT)
          .body(messages.getMessage("signIn.text", null, locale));
    }
    Optional<DossierMessages.Attachment> file = board.read(viewer.get(), number).flatMap(dossier ->
        thread.attachment(viewer.get(), dossier.summary(), messageId, fileId));
    if (file.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(SignedInPage.TEXT)
          .body(messages.getMessage("missing.text", new Object[] {number}, locale));
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.get().type()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(file.get().fileName(), StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Content-Type-Options", "nosniff")
        .body(thread.content(file.get()));
  }

  /**
   * Whether the dossier's evidence deposit has opened, running or ended: its evidence page then shows what was
   * deposited and, once the ANS part has ended, what the ANS decided.
   */
  private boolean evidenceOpened(DossierSummary summary) {
    return summary.tracks().stream().anyMatch(part -> engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(part.instanceId()).activityId(fr.parcours.evidence.EvidenceVariables.TASK_DEPOSIT)
        .count() > 0);
  }

  /**
   * Whether the dossier still comes to its evidence: open, and no part that takes the evidence (its diagram has the
   * deposit) has ended. A cycle just started, whose ANS part starts after its first mail step, counts.
   */
  private boolean evidenceStillAhead(DossierSummary summary) {
    return summary.open() && summary.tracks().stream().filter(part -> !part.running()).noneMatch(part -> {
      var instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(part.instanceId()).singleResult();
      return instance != null && engine.getRepositoryService().getBpmnModelInstance(instance.getProcessDefinitionId())
          .getModelElementById(fr.parcours.evidence.EvidenceVariables.TASK_DEPOSIT) != null;
    });
  }

  private String page(Viewer viewer, DossierDetail dossier, HttpServletRequest request, Model model,
      String refusal, String draft, String draftAgency) {
    model.addAttribute("viewer", viewer);
    model.addAttribute("dossier", dossier);
    // the evidence case (seed 003 step 3) until the deposit's part has ended; after it, the page's headline is where the
    // dossier stands, its end state once closed (it read "Dépôt des preuves, cas (a)" after the ministers' decision)
    model.addAttribute("notes", evidenceStillAhead(dossier.summary()) ? notes.stream().flatMap(n -> n.about(
        dossier.summary().number(), viewer.locale()).stream()).toList() : List.of());
    model.addAttribute("words", new Words(viewer.locale(), zone));
    model.addAttribute("thread", thread.thread(viewer, dossier.summary()));
    model.addAttribute("awaitingHere", thread.awaitingAnswer(viewer, List.of(dossier.summary()))
        .getOrDefault(dossier.summary().number(), List.of()));
    model.addAttribute("agencies", viewer.vendor() ? thread.agenciesOf(dossier.summary()) : Map.of());
    String writesFor = viewer.vendor() ? null : thread.agencyOf(viewer, dossier.summary());
    model.addAttribute("writesFor", writesFor);
    // the agency as the page names it elsewhere ("ANS"), not its group's id
    model.addAttribute("writesForName", writesFor == null ? null : thread.agencyName(writesFor, viewer.locale()));
    model.addAttribute("maxLength", DossierMessages.MAX_LENGTH);
    model.addAttribute("maxFiles", DossierMessages.MAX_FILES);
    model.addAttribute("maxMegabytes", UploadedFiles.MAX_MEGABYTES);
    model.addAttribute("csrf", PageToken.of(request, CSRF));
    model.addAttribute("submission", java.util.UUID.randomUUID().toString());
    model.addAttribute("refusal", refusal);
    model.addAttribute("draft", draft);
    model.addAttribute("draftAgency", draftAgency);
    model.addAttribute("sent", refusal == null && request.getParameter("sent") != null);
    model.addAttribute("links", linked(viewer, dossier.summary().number()));
    model.addAttribute("evidenceLink", evidenceOpened(dossier.summary()) ? "/evidence/" + dossier.summary().number()
        : null);
    return "dossiers/page";
  }

  /**
   * A dossier this one continues or is continued in (a transitional dossier and its nominal candidature), as the page
   * shows it.
   *
   * @param number the other dossier's number
   * @param into whether this dossier is continued in the other (else it comes from it)
   * @param on when the link was made
   */
  public record Linked(String number, boolean into, Instant on) {
  }

  /** The dossiers linked to this one that the person may read too (the same company's, or those they instruct). */
  private List<Linked> linked(Viewer viewer, String number) {
    return links.of(number).stream()
        .map(link -> number.equals(link.fromDossierId()) ? new Linked(link.toDossierId(), true, link.linkedAt())
            : new Linked(link.fromDossierId(), false, link.linkedAt()))
        .filter(other -> board.read(viewer, other.number()).isPresent())
        .toList();
  }

  /** The person and the dossier they may read; or, when there is none for them, the view that says so. */
  private record Visit(Viewer viewer, DossierDetail dossier, String refusal) {
  }

  private Visit visit(String number, HttpServletRequest request, HttpServletResponse response, Locale locale,
      Model model) {
    Optional<Viewer> viewer = viewer(request, locale);
    secure(response);
    if (viewer.isEmpty()) {
      return new Visit(null, null, signIn(response, model, locale, "/dossiers/" + number));
    }
    Optional<DossierDetail> dossier = board.read(viewer.get(), number);
    if (dossier.isEmpty()) {
      response.setStatus(HttpStatus.NOT_FOUND.value());
      model.addAttribute("number", number);
      // the menu as on every page: the person's name, "Mes dossiers" for a vendor
      model.addAttribute("viewer", viewer.get());
      return new Visit(viewer.get(), null, "dossiers/missing");
    }
    return new Visit(viewer.get(), dossier.get(), null);
  }

  @GetMapping("/dossiers/{number}/diagrams/{instanceId}")
  @ResponseBody
  ResponseEntity<String> diagram(@PathVariable String number, @PathVariable String instanceId,
      HttpServletRequest request, Locale locale) {
    Optional<Viewer> viewer = viewer(request, locale);
    if (viewer.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(SignedInPage.TEXT)
          .body(messages.getMessage("signIn.text", null, locale));
    }
    return board.diagram(viewer.get(), number, instanceId)
        .map(xml -> ResponseEntity.ok().contentType(new MediaType("application", "xml", StandardCharsets.UTF_8))
            .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Content-Type-Options", "nosniff").body(xml))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(SignedInPage.TEXT)
            .body(messages.getMessage("missing.text", new Object[] {number}, locale)));
  }

  /** A document of the dossier, as an attachment, to whoever reads the part of the dossier it belongs to. */
  @GetMapping("/dossiers/{number}/documents/{documentId}")
  ResponseEntity<?> document(@PathVariable String number, @PathVariable String documentId, HttpServletRequest request,
      Locale locale) {
    Optional<Viewer> viewer = viewer(request, locale);
    if (viewer.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(SignedInPage.TEXT)
          .body(messages.getMessage("signIn.text", null, locale));
    }
    Optional<Document> document = board.read(viewer.get(), number).stream()
        .flatMap(dossier -> dossier.documents().stream()).filter(d -> d.id().equals(documentId)).findFirst();
    if (document.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(SignedInPage.TEXT)
          .body(messages.getMessage("missing.text", new Object[] {number}, locale));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(document.get().fileName(), StandardCharsets.UTF_8).build().toString())
        .header(HttpHeaders.CACHE_CONTROL, "no-store").header("X-Content-Type-Options", "nosniff")
        .body(documents.content(document.get()));
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
