package fr.parcours.evidence;

import fr.parcours.evidence.EvidenceAccess.Person;
import fr.parcours.evidence.EvidenceReport.ProofLine;
import fr.parcours.evidence.EvidenceReport.RequirementLine;
import fr.parcours.evidence.EvidenceReport.RequirementStatus;
import fr.parcours.evidence.EvidenceStore.StoredProof;
import fr.parcours.security.MenuUser;
import fr.parcours.security.PageToken;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import fr.parcours.shared.DossierNotes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The evidence page of a dossier, {@code /evidence/<dossier number>}, linked from the deposit, complements
 * and review forms in Tasklist (whose Camunda Forms have no file field): the completeness report, the
 * proofs received (downloaded as attachments, never shown inline), an upload field for the vendor while a
 * deposit task is open, and "mark invalid" for the reviewer while the review task is open.
 * A client that asks for JSON gets {@code {"message": ...}} instead of HTML.
 */
@Lazy
@RestController
class EvidencePage {

  static final String CSRF = "evidenceCsrf";
  private static final Logger LOG = LoggerFactory.getLogger(EvidencePage.class);
  // the site's stylesheet ('self'), as on the dossier pages whose frame these pages share
  private static final String POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; form-action 'self';"
      + " frame-ancestors 'self'";
  /** The request's attribute that holds whom the site menu names ({@link MenuUser}), once the person is known. */
  private static final String MENU_USER = EvidencePage.class.getName() + ".menuUser";

  private final EvidenceAccess access;
  private final EvidenceDeposits deposits;
  private final EvidenceCatalogue catalogue;
  private final EvidenceProperties properties;
  private final CompanyDocuments documents;
  private final ITemplateEngine templates;
  private final RepositoryService repository;
  private final MessageSource words;

  /** What the pathways say about their dossiers: the case of the evidence deposit (seed 003, step 3). */
  private final List<DossierNotes> notes;

  EvidencePage(EvidenceAccess access, EvidenceDeposits deposits, EvidenceCatalogue catalogue,
      EvidenceProperties properties, CompanyDocuments documents, ITemplateEngine templates,
      List<DossierNotes> notes, RepositoryService repository, MessageSource words) {
    this.repository = repository;
    this.words = words;
    this.notes = List.copyOf(notes);
    this.templates = templates;
    this.access = access;
    this.deposits = deposits;
    this.catalogue = catalogue;
    this.properties = properties;
    this.documents = documents;
  }

  @GetMapping("/evidence/{dossierId}")
  ResponseEntity<String> show(@PathVariable String dossierId, HttpServletRequest request) {
    Visit visit = visit(request, dossierId);
    HistoricProcessInstance ended = ended(visit, dossierId);
    if (ended != null) {
      return answer(request, HttpStatus.OK, null, endedPage(request, visit.person(), ended));
    }
    return shown(request, visit, this::page);
  }

  /**
   * The part that held the evidence of a dossier the person may read, once it has ended: its deposits stay readable,
   * to the company and the agencies as before (the page of a running deposit answered nothing once it ended, walk of
   * 3 December 2026). Null while the deposit runs, or when the person may not read the dossier.
   */
  private HistoricProcessInstance ended(Visit visit, String dossierId) {
    return visit.dossier() != null || visit.person() == null ? null
        : access.endedHolder(visit.person().userId(), dossierId);
  }

  /** One of the dossier's pages, built for the person who may read it. */
  private interface Page {
    String of(HttpServletRequest request, Person person, ProcessInstance dossier, String done, String problem);
  }

  private ResponseEntity<String> shown(HttpServletRequest request, String dossierId, Page page) {
    return shown(request, visit(request, dossierId), page);
  }

  private ResponseEntity<String> shown(HttpServletRequest request, Visit visit, Page page) {
    return visit.refusal() != null ? visit.refusal()
        : answer(request, HttpStatus.OK, null, page.of(request, visit.person(), visit.dossier(), null, null));
  }

  @PostMapping("/evidence/{dossierId}")
  ResponseEntity<String> upload(@PathVariable String dossierId,
      @RequestParam(name = "archive", required = false) MultipartFile archive,
      @RequestParam(name = "csrf", required = false) String csrf, HttpServletRequest request) throws IOException {
    if (archive == null) {
      return missing("archive", request);
    }
    Visit visit = change(request, dossierId, csrf, words(request, "evidence.cannotDeposit", dossierId),
        EvidenceVariables.TASK_DEPOSIT, EvidenceVariables.TASK_COMPLEMENTS);
    if (visit.refusal() != null) {
      return visit.refusal();
    }
    Person person = visit.person();
    ProcessInstance dossier = visit.dossier();
    String original = archive.getOriginalFilename() == null ? "" : archive.getOriginalFilename().replace('\\', '/');
    String name = original.substring(original.lastIndexOf('/') + 1);
    try {
      if (archive.getSize() > properties.maxArchiveSize().toBytes()) {
        throw EvidenceRejectedException.of("evidence.refused.tooLarge", name, new EvidenceRejectedException.Each(
            ArchiveReader.human(properties.maxArchiveSize().toBytes(), false),
            ArchiveReader.human(properties.maxArchiveSize().toBytes(), true)));
      }
      EvidenceDeposits.Deposit done;
      try (InputStream in = archive.getInputStream()) {
        done = deposits.deposit(dossier.getId(), person.userId(), name, in);
      }
      String message = accepted(request, done);
      return answer(request, HttpStatus.OK, message, page(request, person, dossier, message, null));
    } catch (EvidenceRejectedException e) {
      String refusal = e.in(language(request));
      return answer(request, HttpStatus.BAD_REQUEST, refusal, page(request, person, dossier, null, refusal));
    }
  }

  /**
   * What a send brought: its proofs, and apart the files named after no proof of the dossier's version (kept, listed
   * among the unknown ones), which a person must not take for proofs.
   */
  private String accepted(HttpServletRequest request, EvidenceDeposits.Deposit done) {
    long unknown = done.report().unknownProofs().stream().filter(p -> p.sendNumber() == done.sendNumber()).count();
    String others = unknown == 0 ? "" : words(request, "evidence.accepted.unknown", unknown, done.report().version());
    return words(request, "evidence.accepted", done.sendNumber(), done.proofFiles() - unknown, others,
        words(request, done.report().complete() ? "evidence.accepted.complete" : "evidence.accepted.incomplete"));
  }

  @PostMapping("/evidence/{dossierId}/invalid")
  ResponseEntity<String> invalidate(@PathVariable String dossierId, @RequestParam String proofNumber,
      @RequestParam(required = false) String reason, @RequestParam(name = "csrf", required = false) String csrf,
      HttpServletRequest request) {
    Visit visit = change(request, dossierId, csrf, "Vous ne pouvez pas marquer de preuves invalides dans le dossier " + dossierId
        + " : seul l’instructeur de l’ANS le peut, tant que « Examiner les preuves » est ouverte.", EvidenceVariables.TASK_REVIEW);
    if (visit.refusal() != null) {
      return visit.refusal();
    }
    Person person = visit.person();
    ProcessInstance dossier = visit.dossier();
    try {
      deposits.invalidate(dossier.getId(), proofNumber, reason, person.userId());
      String message = "Preuve " + proofNumber + " marquée invalide.";
      return answer(request, HttpStatus.OK, message, page(request, person, dossier, message, null));
    } catch (EvidenceRejectedException e) {
      return answer(request, HttpStatus.BAD_REQUEST, e.getMessage(), page(request, person, dossier, null,
          e.getMessage()));
    }
  }

  @GetMapping("/evidence/{dossierId}/proofs/{proofId}")
  ResponseEntity<?> download(@PathVariable String dossierId, @PathVariable String proofId,
      HttpServletRequest request) {
    Visit visit = visit(request, dossierId);
    HistoricProcessInstance ended = ended(visit, dossierId);
    if (visit.refusal() != null && ended == null) {
      return visit.refusal(); // the same sentence as the pages, not an empty answer the browser words in English
    }
    String holder = ended != null ? ended.getId() : visit.dossier().getId();
    StoredProof proof = deposits.proofs(holder).stream().filter(p -> p.id().equals(proofId)).findFirst()
        .orElse(null);
    Path file = deposits.file(holder, proofId);
    if (proof == null || file == null) {
      return answer(request, HttpStatus.NOT_FOUND, "Aucune preuve de ce numéro dans le dossier " + dossierId
          + " : ouvrez-la depuis la page des preuves du dossier.", null);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      // the database knows the file: this node's storage is not the one it was written to, or lost it
      LOG.error("Proof file {} of dossier {} (proof {}, send {}) is missing or unreadable: every node must read the"
          + " same evidence storage (parcours.evidence.storage)", file, holder, proof.proofNumber(),
          proof.sendNumber());
      return answer(request, HttpStatus.INTERNAL_SERVER_ERROR, "Le fichier de la preuve " + proof.proofNumber()
          + " (envoi " + proof.sendNumber() + ") est introuvable dans le stockage des preuves de ce serveur."
          + " Prévenez l’administrateur de Parcours : chaque serveur doit lire le même dossier de stockage"
          + " (parcours.evidence.storage).", null);
    }
    String fileName = proof.entryName().substring(proof.entryName().lastIndexOf('/') + 1);
    return attachment(fileName, file);
  }

  // ---- the Kbis extract asked by "Demander un compte Convergence" ----

  @GetMapping("/evidence/{dossierId}/kbis")
  ResponseEntity<String> showKbis(@PathVariable String dossierId, HttpServletRequest request) {
    return shown(request, dossierId, this::kbisPage);
  }

  @PostMapping("/evidence/{dossierId}/kbis")
  ResponseEntity<String> uploadKbis(@PathVariable String dossierId,
      @RequestParam(name = "kbis", required = false) MultipartFile kbis,
      @RequestParam(name = "csrf", required = false) String csrf, HttpServletRequest request) throws IOException {
    if (kbis == null) {
      return missing("kbis", request);
    }
    Visit visit = change(request, dossierId, csrf, "Vous ne pouvez pas envoyer l’extrait Kbis du dossier " + dossierId
        + " : seule l’entreprise candidate le peut, tant que « Demander un compte Convergence » est ouverte.",
        CompanyDocuments.TASK_REQUEST_ACCOUNT);
    if (visit.refusal() != null) {
      return visit.refusal();
    }
    try {
      CompanyDocuments.checkSize(kbis.getOriginalFilename(), kbis.getSize()); // before reading it
      documents.storeKbis(visit.dossier().getId(), visit.person().userId(), kbis.getOriginalFilename(),
          kbis.getBytes());
      String message = "Extrait Kbis reçu. Cochez « L’extrait Kbis de l’entreprise est fourni » dans la tâche.";
      return answer(request, HttpStatus.OK, message, kbisPage(request, visit.person(), visit.dossier(), message, null));
    } catch (EvidenceRejectedException e) {
      return answer(request, HttpStatus.BAD_REQUEST, e.getMessage(), kbisPage(request, visit.person(),
          visit.dossier(), null, e.getMessage()));
    }
  }

  @GetMapping("/evidence/{dossierId}/kbis/file")
  ResponseEntity<?> downloadKbis(@PathVariable String dossierId, HttpServletRequest request) {
    return documentFile(dossierId, request, visit(request, dossierId), documents::kbis);
  }

  /** The latest document of a kind kept for the dossier, to its readers only. */
  private ResponseEntity<?> documentFile(String dossierId, HttpServletRequest request, Visit visit,
      java.util.function.Function<String, java.util.Optional<CompanyDocuments.StoredDocument>> latest) {
    if (visit.refusal() != null) {
      return visit.refusal(); // the same sentence as the pages, not an empty answer the browser words in English
    }
    CompanyDocuments.StoredDocument document = latest.apply(visit.dossier().getId()).orElse(null);
    Path file = document == null ? null : documents.file(document);
    if (file == null || !Files.isRegularFile(file)) {
      return answer(request, HttpStatus.NOT_FOUND, "Aucun fichier reçu pour le dossier " + dossierId
          + " : il sera ici dès que l’entreprise candidate l’aura envoyé depuis la page du dossier.", null);
    }
    return attachment(document.fileName(), file);
  }

  private String kbisPage(HttpServletRequest request, Person person, ProcessInstance dossier, String done,
      String problem) {
    return documentPage("evidence/kbis", "kbis", documents.kbis(dossier.getId()).orElse(null),
        CompanyDocuments.TASK_REQUEST_ACCOUNT, request, person, dossier, done, problem);
  }

  /** The page of a document the company sends while one task is open: what was received, and the upload. */
  private String documentPage(String template, String variable, CompanyDocuments.StoredDocument document,
      String taskKey, HttpServletRequest request, Person person, ProcessInstance dossier, String done,
      String problem) {
    Context page = framed(request);
    page.setVariable("dossierId", dossier.getBusinessKey());
    page.setVariable("done", done);
    page.setVariable("problem", problem);
    page.setVariable(variable, document);
    page.setVariable("sentOn", document == null ? null : sentOn(request, document.sentAt()));
    page.setVariable("canSend", access.seesTask(person.userId(), dossier.getId(), taskKey));
    page.setVariable("maxMegabytes", CompanyDocuments.MAX_MEGABYTES);
    page.setVariable("csrf", person.fromSession() ? csrfToken(request) : "");
    return templates.process(template, page);
  }

  // ---- the signed regulation of the transitional phase, asked by "Joindre le règlement signé" ----

  @GetMapping("/evidence/{dossierId}/regulation")
  ResponseEntity<String> showRegulation(@PathVariable String dossierId, HttpServletRequest request) {
    return shown(request, signsARegulation(visit(request, dossierId), request), this::regulationPage);
  }

  /**
   * Only a dossier whose diagram asks "Joindre le règlement signé" (the ANS transitional phase) has a regulation
   * page; any other dossier's reader is told so, rather than shown a page about a phase the dossier is not in.
   */
  private Visit signsARegulation(Visit visit, HttpServletRequest request) {
    if (visit.refusal() != null || repository.getBpmnModelInstance(visit.dossier().getProcessDefinitionId())
        .getModelElementById(CompanyDocuments.TASK_ATTACH_REGULATION) != null) {
      return visit;
    }
    String number = visit.dossier().getBusinessKey();
    return new Visit(visit.person(), visit.dossier(), answer(request, HttpStatus.NOT_FOUND, "Le dossier " + number
        + " n’a pas de règlement à signer : seule une candidature de la phase transitoire de l’ANS en joint un. Ses"
        + " documents sont sur sa page, /dossiers/" + number + ".", null));
  }

  @PostMapping("/evidence/{dossierId}/regulation")
  ResponseEntity<String> uploadRegulation(@PathVariable String dossierId,
      @RequestParam(name = "regulation", required = false) MultipartFile regulation,
      @RequestParam(name = "csrf", required = false) String csrf, HttpServletRequest request) throws IOException {
    if (regulation == null) {
      return missing("regulation", request);
    }
    Visit visit = change(signsARegulation(visit(request, dossierId), request), request, csrf,
        "Vous ne pouvez pas envoyer le règlement signé du dossier " + dossierId + " : seule l’entreprise candidate le"
            + " peut, tant que « Joindre le règlement signé » est ouverte.", CompanyDocuments.TASK_ATTACH_REGULATION);
    if (visit.refusal() != null) {
      return visit.refusal();
    }
    try {
      CompanyDocuments.checkSize(regulation.getOriginalFilename(), regulation.getSize(),
          CompanyDocuments.REGULATION_WHAT); // before reading it
      documents.storeRegulation(visit.dossier().getId(), visit.person().userId(), regulation.getOriginalFilename(),
          regulation.getBytes());
      String message = "Règlement signé reçu. Terminez maintenant la tâche « Joindre le règlement signé » dans Tasklist.";
      return answer(request, HttpStatus.OK, message, regulationPage(request, visit.person(), visit.dossier(), message,
          null));
    } catch (EvidenceRejectedException e) {
      return answer(request, HttpStatus.BAD_REQUEST, e.getMessage(), regulationPage(request, visit.person(),
          visit.dossier(), null, e.getMessage()));
    }
  }

  @GetMapping("/evidence/{dossierId}/regulation/file")
  ResponseEntity<?> downloadRegulation(@PathVariable String dossierId, HttpServletRequest request) {
    // a dossier that signs no regulation is told so, as on the page, not that no file was received yet
    return documentFile(dossierId, request, signsARegulation(visit(request, dossierId), request),
        documents::regulation);
  }

  private String regulationPage(HttpServletRequest request, Person person, ProcessInstance dossier, String done,
      String problem) {
    return documentPage("evidence/regulation", "regulation", documents.regulation(dossier.getId()).orElse(null),
        CompanyDocuments.TASK_ATTACH_REGULATION, request, person, dossier, done, problem);
  }

  /** "2 décembre 2026 à 18:12 (heure de Paris)", "2 December 2026 at 18:12 (Paris time)" on an English page. */
  private String sentOn(HttpServletRequest request, java.time.Instant at) {
    java.time.ZonedDateTime paris = at.atZone(java.time.ZoneId.of("Europe/Paris"));
    return words(request, "evidence.sentOn", fr.parcours.deadline.LegalDates.date(paris.toLocalDate(),
        language(request)), java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(paris));
  }

  /** A kept file, downloaded as an attachment and never shown inline. */
  private static ResponseEntity<Resource> attachment(String fileName, Path file) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .body(new FileSystemResource(file));
  }

  /** Who asks about which dossier; or, when they may not, the answer that says why. */
  private record Visit(Person person, ProcessInstance dossier, ResponseEntity<String> refusal) {
  }

  private Visit visit(HttpServletRequest request, String dossierId) {
    Person person = access.person(request);
    if (person == null) {
      return new Visit(null, null, unauthenticated(request));
    }
    request.setAttribute(MENU_USER, access.menuUser(person.userId()));
    ProcessInstance dossier = access.dossier(person.userId(), dossierId);
    if (dossier == null) {
      return new Visit(person, null, answer(request, HttpStatus.NOT_FOUND, words(request, access.seesDossier(
          person.userId(), dossierId) ? "evidence.noDepositNow" : "evidence.noSuchDossier", dossierId), null));
    }
    return new Visit(person, dossier, null);
  }

  /** A change to the dossier: also the page's CSRF token, and one of these tasks open to the person. */
  private Visit change(HttpServletRequest request, String dossierId, String csrf, String cannot,
      String... taskKeys) {
    return change(visit(request, dossierId), request, csrf, cannot, taskKeys);
  }

  /** The same, for a visit already checked otherwise (or refused: then left as it is). */
  private Visit change(Visit visit, HttpServletRequest request, String csrf, String cannot, String... taskKeys) {
    if (visit.refusal() != null) {
      return visit;
    }
    if (!csrfOk(visit.person(), csrf, request)) {
      return new Visit(visit.person(), visit.dossier(), answer(request, HttpStatus.FORBIDDEN,
          words(request, "evidence.expired"), null));
    }
    if (!access.seesTask(visit.person().userId(), visit.dossier().getId(), taskKeys)) {
      return new Visit(visit.person(), visit.dossier(), answer(request, HttpStatus.FORBIDDEN, cannot, null));
    }
    return visit;
  }

  // ---- answers ----

  /**
   * A send without the file or the proof its form always sends (a script's, or a form changed by hand): said in
   * French, naming what is missing and where to give it, instead of Spring's English {@code "error":"Bad Request"}.
   * Nothing of the dossier is told: the refusal comes before anything is read. A file part is optional to Spring and
   * told here by its page: a send that was not a form with files at all (JSON, a plain form) answered 500 ("Current
   * request is not a multipart request").
   */
  @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class})
  ResponseEntity<String> missing(Exception missing, HttpServletRequest request) {
    return missing(missing instanceof MissingServletRequestParameterException parameter
        ? parameter.getParameterName() : ((MissingServletRequestPartException) missing).getRequestPartName(), request);
  }

  private ResponseEntity<String> missing(String name, HttpServletRequest request) {
    String message = switch (name) {
      case "archive" -> words(request, "evidence.missing.archive");
      case "kbis" -> "L’envoi ne contient pas de fichier : choisissez l’extrait Kbis sous « Envoyer l’extrait Kbis »,"
          + " puis « Envoyer ». Rien n’a été enregistré.";
      case "regulation" -> "L’envoi ne contient pas de fichier : choisissez le règlement signé sous « Envoyer le"
          + " règlement signé », puis « Envoyer ». Rien n’a été enregistré.";
      case "proofNumber" -> "L’envoi ne nomme pas la preuve à marquer invalide : utilisez « Marquer invalide » sur la"
          + " ligne de la preuve, dans le tableau des preuves. Rien n’a été changé.";
      default -> "L’envoi ne contient pas « " + name + " », que le formulaire de cette page envoie : rechargez la page"
          + " et envoyez de nouveau son formulaire. Rien n’a été enregistré.";
    };
    return answer(request, HttpStatus.BAD_REQUEST, message, null);
  }

  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.trim().startsWith(MediaType.APPLICATION_JSON_VALUE);
  }

  private ResponseEntity<String> unauthenticated(HttpServletRequest request) {
    return answer(request, HttpStatus.UNAUTHORIZED, words(request, "evidence.signIn"), null);
  }

  private ResponseEntity<String> answer(HttpServletRequest request, HttpStatus status, String message,
      String html) {
    if (wantsJson(request) || html == null) {
      if (!wantsJson(request)) {
        Context page = framed(request);
        page.setVariable("message", message);
        html = templates.process("dossiers/notice", page);
      } else {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
            .header("X-Content-Type-Options", "nosniff").body(jsonMessage(message));
      }
    }
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff").body(html);
  }

  /**
   * A page's context in the site's frame: its title, named after the page the request is on whether it is shown or
   * refused ("Extrait Kbis — DMN-2026-AAAAA", never "Preuves" for every refusal), and the person the menu names.
   */
  private Context framed(HttpServletRequest request) {
    Context page = new Context(language(request));
    page.setVariable("title", title(request, words(request, "evidence.title")));
    page.setVariable("viewer", request.getAttribute(MENU_USER));
    return page;
  }

  /** The title of the evidence page the request is on (its file downloads and forms included). */
  static String title(HttpServletRequest request, String evidence) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    Object number = variables instanceof Map<?, ?> map ? map.get("dossierId") : null;
    String page = pattern == null ? "" : pattern.toString();
    String name = page.startsWith("/evidence/{dossierId}/kbis") ? "Extrait Kbis"
        : page.startsWith("/evidence/{dossierId}/regulation") ? "Règlement signé" : evidence;
    return number == null ? name : name + " — " + number;
  }

  /**
   * The language of the page the request is on: the evidence page's, as the dossier pages, the browser's first language
   * ({@code config.PageLanguage}: English for an English browser, else French); the Kbis and the regulation pages, and
   * their refusals, are still French only.
   */
  static Locale language(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    String page = pattern == null ? "" : pattern.toString();
    return page.startsWith("/evidence/{dossierId}/kbis") || page.startsWith("/evidence/{dossierId}/regulation")
        || !Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage())
        ? Locale.FRENCH : Locale.ENGLISH;
  }

  /** A text of the page's words ({@code evidence.*} in {@code i18n/dossiers*.properties}), its values as they are. */
  private String words(HttpServletRequest request, String key, Object... values) {
    return words.getMessage(key, java.util.Arrays.stream(values).map(String::valueOf).toArray(), language(request));
  }

  static String jsonMessage(String message) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("message",
          message == null ? "" : message));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean csrfOk(Person person, String token, HttpServletRequest request) {
    if (!person.fromSession()) {
      return true; // HTTP Basic: no ambient cookie to abuse
    }
    return PageToken.matches(request, CSRF, token);
  }

  private static String csrfToken(HttpServletRequest request) {
    return PageToken.of(request, CSRF);
  }

  // ---- the page ----

  private String page(HttpServletRequest request, Person person, ProcessInstance dossier, String done,
      String problem) {
    Context page = page(request, dossier.getId(), dossier.getBusinessKey(), deposits.report(dossier.getId()),
        access.seesTask(person.userId(), dossier.getId(), EvidenceVariables.TASK_REVIEW));
    page.setVariable("done", done);
    page.setVariable("problem", problem);
    page.setVariable("canDeposit", access.seesTask(person.userId(), dossier.getId(), EvidenceVariables.TASK_DEPOSIT,
        EvidenceVariables.TASK_COMPLEMENTS));
    page.setVariable("csrf", person.fromSession() ? csrfToken(request) : "");
    page.setVariable("nextArchiveName", deposits.nextArchiveName(dossier.getId()));
    page.setVariable("maxArchiveSize", ArchiveReader.human(properties.maxArchiveSize().toBytes(),
        language(request) == Locale.ENGLISH));
    return templates.process("evidence/page", page);
  }

  /**
   * The deposits of a part that has ended, read-only: what was deposited (each file still downloadable), what the
   * ANS reviewer marked invalid and why, and how the review and the part ended.
   */
  private String endedPage(HttpServletRequest request, Person person, HistoricProcessInstance ended) {
    Map<String, Object> kept = access.endedVariables(ended.getId());
    Context page = page(request, ended.getId(), ended.getBusinessKey(), deposits.report(ended.getId(), kept), false);
    String step = access.endStep(ended);
    page.setVariable("closed", words(request, "evidence.closed", sentOn(request, ended.getEndTime().toInstant()),
        step == null ? "" : " (« " + step + " »)"));
    Object decision = kept.get("evidenceDecision");
    Object comment = kept.get("evidenceComment");
    // the decision as the review form names the choices
    page.setVariable("review", decision == null ? words(request, "evidence.notReviewed")
        : words(request, "evidence.lastReview", words.getMessage("evidence.decision." + decision, null,
            decision.toString(), language(request))) + (comment == null || comment.toString().isBlank() ? "."
            : words(request, "evidence.lastReview.comment", comment.toString().strip())));
    page.setVariable("canDeposit", false);
    return templates.process("evidence/page", page);
  }

  /** What every evidence page shows: the report over every send, and the sends. */
  private Context page(HttpServletRequest request, String processInstanceId, String dossierId,
      EvidenceReport report, boolean canReview) {
    List<Map<String, Object>> rows = new ArrayList<>();
    EvidenceCatalogue.Version version = catalogue.of(report.version());
    EvidenceCatalogue.Changes changes = catalogue.changesOf(version);
    for (RequirementLine line : report.requirements()) {
      String news = line.line() != null ? null : changes.added().contains(line.requirement())
          ? words(request, "evidence.newIn", version.name()) : changes.changed().contains(line.requirement())
          ? words(request, "evidence.changedIn", version.name()) : null;
      for (ProofLine p : line.proofs()) {
        boolean na = line.status() == RequirementStatus.NOT_APPLICABLE;
        boolean deposited = p.status() == EvidenceReport.ProofStatus.DEPOSITED;
        Map<String, Object> row = new HashMap<>();
        row.put("requirement", line.title());
        row.put("news", news);
        row.put("proof", p.proof().number() + " — " + (p.proof().asks() == null ? "" : p.proof().asks()));
        row.put("css", na ? "na" : deposited ? "ok" : "ko");
        row.put("state", na ? words(request, "evidence.na") : state(request, p));
        row.put("files", p.current());
        row.put("invalidable", !na && deposited);
        row.put("number", p.proof().number());
        rows.add(row);
      }
    }
    Context page = framed(request);
    page.setVariable("dossierId", dossierId);
    page.setVariable("notice", catalogue.notice());
    page.setVariable("version", report.version());
    page.setVariable("versionNotice", catalogue.of(report.version()).notice());
    page.setVariable("notes", notes.stream().flatMap(n -> n.about(dossierId, language(request)).stream()).toList());
    page.setVariable("complete", report.complete());
    page.setVariable("deposited", report.depositedCount());
    page.setVariable("applicable", report.applicableProofs().size());
    page.setVariable("sendCount", report.sends());
    page.setVariable("profiles", fr.parcours.shared.SoftwareProfiles.labels(report.profiles(), language(request)));
    page.setVariable("handlesIns", report.handlesIns());
    page.setVariable("unknownProofs", report.unknownProofs());
    page.setVariable("rows", rows);
    page.setVariable("canReview", canReview);
    page.setVariable("maxReasonLength", EvidenceDeposits.MAX_INVALID_REASON);
    page.setVariable("sends", deposits.sends(processInstanceId).stream().map(s -> words(request, "evidence.sendLine",
        s.archiveName(), sentOn(request, s.sentAt()), s.sentBy())).toList());
    return page;
  }

  /** A proof's state, as {@link EvidenceReport#describe} writes it in French, in the page's language. */
  private String state(HttpServletRequest request, ProofLine p) {
    if (p.current().isEmpty()) {
      return words(request, "evidence.state." + p.status());
    }
    return words(request, "evidence.state." + p.status(), p.current().get(0).sendNumber(), p.current().size(),
        p.current().stream().map(StoredProof::entryName).collect(java.util.stream.Collectors.joining(", ")),
        p.current().get(0).invalidReason());
  }
}
