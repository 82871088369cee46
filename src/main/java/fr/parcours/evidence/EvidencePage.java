package fr.parcours.evidence;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import fr.parcours.evidence.EvidenceAccess.Person;
import fr.parcours.evidence.EvidenceReport.ProofLine;
import fr.parcours.evidence.EvidenceReport.RequirementLine;
import fr.parcours.evidence.EvidenceReport.RequirementStatus;
import fr.parcours.evidence.EvidenceStore.StoredProof;
import fr.parcours.security.PageToken;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The evidence page of a dossier, {@code /evidence/<dossier number>}, linked from the deposit, complements
 * and review forms in Tasklist (whose Camunda Forms have no file field): the completeness report, the
 * proofs received (downloaded as attachments, never shown inline), an upload field for the vendor while a
 * deposit task is open, and "mark invalid" for the reviewer while the review task is open.
 * A client that asks for JSON gets {@code {"message": ...}} instead of HTML.
 */
@RestController
class EvidencePage {

  static final String CSRF = "evidenceCsrf";
  private static final Logger LOG = LoggerFactory.getLogger(EvidencePage.class);
  private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
      + " frame-ancestors 'self'";

  private final EvidenceAccess access;
  private final EvidenceDeposits deposits;
  private final EvidenceCatalogue catalogue;
  private final EvidenceProperties properties;
  private final CompanyDocuments documents;

  EvidencePage(EvidenceAccess access, EvidenceDeposits deposits, EvidenceCatalogue catalogue,
      EvidenceProperties properties, CompanyDocuments documents) {
    this.access = access;
    this.deposits = deposits;
    this.catalogue = catalogue;
    this.properties = properties;
    this.documents = documents;
  }

  @GetMapping("/evidence/{dossierId}")
  ResponseEntity<String> show(@PathVariable String dossierId, HttpServletRequest request) {
    return shown(request, dossierId, this::page);
  }

  /** One of the dossier's pages, built for the person who may read it. */
  private interface Page {
    String of(HttpServletRequest request, Person person, ProcessInstance dossier, String done, String problem);
  }

  private ResponseEntity<String> shown(HttpServletRequest request, String dossierId, Page page) {
    Visit visit = visit(request, dossierId);
    return visit.refusal() != null ? visit.refusal()
        : answer(request, HttpStatus.OK, null, page.of(request, visit.person(), visit.dossier(), null, null));
  }

  @PostMapping("/evidence/{dossierId}")
  ResponseEntity<String> upload(@PathVariable String dossierId, @RequestParam("archive") MultipartFile archive,
      @RequestParam(name = "csrf", required = false) String csrf, HttpServletRequest request) throws IOException {
    Visit visit = change(request, dossierId, csrf, "Vous ne pouvez pas déposer de preuves pour le dossier " + dossierId
        + " : seul son industriel le peut, tant que « Déposer les preuves » ou « Fournir des compléments » est"
        + " ouverte.",
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
        throw ArchiveReader.refused(name, "dépasse " + ArchiveReader.human(properties.maxArchiveSize()
            .toBytes()) + ", la plus grande archive acceptée : répartissez les preuves sur plusieurs envois.");
      }
      EvidenceDeposits.Deposit done;
      try (InputStream in = archive.getInputStream()) {
        done = deposits.deposit(dossier.getId(), person.userId(), name, in);
      }
      String message = "Envoi " + done.sendNumber() + " accepté : " + done.proofFiles() + " fichier(s) de preuve. Preuves "
          + (done.report().complete() ? "complètes." : "encore incomplètes.");
      return answer(request, HttpStatus.OK, message, page(request, person, dossier, message, null));
    } catch (EvidenceRejectedException e) {
      return answer(request, HttpStatus.BAD_REQUEST, e.getMessage(), page(request, person, dossier, null,
          e.getMessage()));
    }
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
    Person person = access.person(request);
    ProcessInstance dossier = person == null ? null : access.dossier(person.userId(), dossierId);
    if (dossier == null) {
      return ResponseEntity.status(person == null ? HttpStatus.UNAUTHORIZED : HttpStatus.NOT_FOUND).build();
    }
    StoredProof proof = deposits.proofs(dossier.getId()).stream().filter(p -> p.id().equals(proofId)).findFirst()
        .orElse(null);
    Path file = deposits.file(dossier.getId(), proofId);
    if (proof == null || file == null) {
      return ResponseEntity.notFound().build();
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      // the database knows the file: this node's storage is not the one it was written to, or lost it
      LOG.error("Proof file {} of dossier {} (proof {}, send {}) is missing or unreadable: every node must read the"
          + " same evidence storage (parcours.evidence.storage)", file, dossier.getId(), proof.proofNumber(),
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
  ResponseEntity<String> uploadKbis(@PathVariable String dossierId, @RequestParam("kbis") MultipartFile kbis,
      @RequestParam(name = "csrf", required = false) String csrf, HttpServletRequest request) throws IOException {
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
  ResponseEntity<Resource> downloadKbis(@PathVariable String dossierId, HttpServletRequest request) {
    Person person = access.person(request);
    ProcessInstance dossier = person == null ? null : access.dossier(person.userId(), dossierId);
    if (dossier == null) {
      return ResponseEntity.status(person == null ? HttpStatus.UNAUTHORIZED : HttpStatus.NOT_FOUND).build();
    }
    CompanyDocuments.StoredDocument kbis = documents.kbis(dossier.getId()).orElse(null);
    Path file = kbis == null ? null : documents.file(kbis);
    if (file == null || !Files.isRegularFile(file)) {
      return ResponseEntity.notFound().build();
    }
    return attachment(kbis.fileName(), file);
  }

  private String kbisPage(HttpServletRequest request, Person person, ProcessInstance dossier, String done,
      String problem) {
    String dossierId = dossier.getBusinessKey();
    boolean canSend = access.seesTask(person.userId(), dossier.getId(), CompanyDocuments.TASK_REQUEST_ACCOUNT);
    String base = "/evidence/" + htmlEscape(dossierId) + "/kbis";
    StringBuilder h = new StringBuilder("<!doctype html><html lang=fr><head><meta charset=utf-8>")
        .append("<title>Extrait Kbis — ").append(htmlEscape(dossierId)).append("</title><style>").append(STYLE)
        .append("</style></head><body><p><a href=\"/camunda/app/tasklist/\">← Retour à Tasklist</a></p>")
        .append("<h1>Extrait Kbis du dossier ").append(htmlEscape(dossierId)).append("</h1>");
    if (done != null) {
      h.append("<p class=ok role=status>").append(htmlEscape(done)).append("</p>");
    }
    if (problem != null) {
      h.append("<p class=ko role=alert><strong>Refusé :</strong> ").append(htmlEscape(problem))
          .append(" Rien de ce fichier n’a été gardé.</p>");
    }
    CompanyDocuments.StoredDocument kbis = documents.kbis(dossier.getId()).orElse(null);
    if (kbis == null) {
      h.append("<p><strong>Aucun extrait Kbis reçu.</strong></p>");
    } else {
      h.append("<p>Reçu : <a href=\"").append(base).append("/file\">").append(htmlEscape(kbis.fileName()))
          .append("</a>, ").append(kbis.size()).append(" octets, envoyé par ").append(htmlEscape(kbis.sentBy()))
          .append(" le ").append(htmlEscape(sentOn(kbis.sentAt()))).append(".</p>");
    }
    if (canSend) {
      h.append("<h2>Envoyer l’extrait Kbis</h2><p>L’extrait Kbis de l’entreprise, de moins de trois mois, en PDF, PNG")
          .append(" ou JPEG, ").append(CompanyDocuments.MAX_MEGABYTES).append(" Mo au plus. Un nouvel envoi remplace")
          .append(" le précédent.</p><form method=post enctype=multipart/form-data action=\"").append(base).append("\">")
          .append("<input type=hidden name=csrf value=\"").append(htmlEscape(person.fromSession() ? csrfToken(request)
              : "")).append("\"><input type=file name=kbis accept=\".pdf,.png,.jpg,.jpeg,application/pdf,image/png,")
          .append("image/jpeg\" required aria-label=\"Extrait Kbis\"> <button>Envoyer</button></form>");
    }
    return h.append("</body></html>").toString();
  }

  /** "2 décembre 2026 à 18:12 (heure de Paris)". */
  private static String sentOn(java.time.Instant at) {
    java.time.ZonedDateTime paris = at.atZone(java.time.ZoneId.of("Europe/Paris"));
    return fr.parcours.deadline.LegalDates.date(paris.toLocalDate(), java.util.Locale.FRENCH) + " à "
        + java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(paris) + " (heure de Paris)";
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
    ProcessInstance dossier = access.dossier(person.userId(), dossierId);
    if (dossier == null) {
      return new Visit(person, null, answer(request, HttpStatus.NOT_FOUND, noSuchDossier(dossierId), null));
    }
    return new Visit(person, dossier, null);
  }

  /** A change to the dossier: also the page's CSRF token, and one of these tasks open to the person. */
  private Visit change(HttpServletRequest request, String dossierId, String csrf, String cannot,
      String... taskKeys) {
    Visit visit = visit(request, dossierId);
    if (visit.refusal() != null) {
      return visit;
    }
    if (!csrfOk(visit.person(), csrf, request)) {
      return new Visit(visit.person(), visit.dossier(), answer(request, HttpStatus.FORBIDDEN,
          "La page a expiré : rechargez-la et envoyez de nouveau.", null));
    }
    if (!access.seesTask(visit.person().userId(), visit.dossier().getId(), taskKeys)) {
      return new Visit(visit.person(), visit.dossier(), answer(request, HttpStatus.FORBIDDEN, cannot, null));
    }
    return visit;
  }

  // ---- answers ----

  private static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.trim().startsWith(MediaType.APPLICATION_JSON_VALUE);
  }

  private ResponseEntity<String> unauthenticated(HttpServletRequest request) {
    return answer(request, HttpStatus.UNAUTHORIZED, "Connectez-vous d’abord à Tasklist, puis ouvrez cette page depuis"
        + " votre tâche.", null);
  }

  static String noSuchDossier(String dossierId) {
    return "Aucun dossier en cours " + dossierId + " que vous puissiez voir. Vérifiez le numéro (DMN-aaaa-xxxxx) sur"
        + " la tâche du dossier dans Tasklist ; seuls l’entreprise candidate et les agences qui l’instruisent le"
        + " voient.";
  }

  /** The look of the evidence pages. */
  static final String STYLE = "body{font-family:sans-serif;max-width:70em;margin:1em auto;padding:0 1em}"
      + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left}"
      + ".ok{color:#176f2c}.ko{color:#a4000f}.na{color:#666}.notice{background:#fff4ce;padding:.5em}";

  private static ResponseEntity<String> answer(HttpServletRequest request, HttpStatus status, String message,
      String html) {
    if (wantsJson(request) || html == null) {
      if (!wantsJson(request)) {
        html = "<!doctype html><html lang=fr><head><meta charset=utf-8><title>Preuves</title><style>" + STYLE
            + "</style></head><body><p><a href=\"/camunda/app/tasklist/\">← Retour à Tasklist</a></p>"
            + "<h1>Preuves</h1><p class=ko role=alert>" + htmlEscape(message) + "</p></body></html>";
      } else {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
            .header("X-Content-Type-Options", "nosniff").body(jsonMessage(message));
      }
    }
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff").body(html);
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
    String dossierId = dossier.getBusinessKey();
    EvidenceReport report = deposits.report(dossier.getId());
    boolean canDeposit = access.seesTask(person.userId(), dossier.getId(), EvidenceVariables.TASK_DEPOSIT,
        EvidenceVariables.TASK_COMPLEMENTS);
    boolean canReview = access.seesTask(person.userId(), dossier.getId(), EvidenceVariables.TASK_REVIEW);
    String csrf = person.fromSession() ? csrfToken(request) : "";
    String base = "/evidence/" + htmlEscape(dossierId);
    StringBuilder h = new StringBuilder("<!doctype html><html lang=fr><head><meta charset=utf-8>")
        .append("<title>Preuves — ").append(htmlEscape(dossierId)).append("</title><style>").append(STYLE)
        .append("</style></head><body>");
    h.append("<p><a href=\"/camunda/app/tasklist/\">← Retour à Tasklist</a></p>");
    h.append("<h1>Preuves du dossier ").append(htmlEscape(dossierId)).append("</h1>");
    if (done != null) {
      h.append("<p class=ok role=status>").append(htmlEscape(done)).append("</p>");
    }
    if (problem != null) {
      h.append("<p class=ko role=alert><strong>Refusé :</strong> ").append(htmlEscape(problem))
          .append(" Rien de cette archive n’a été gardé.</p>");
    }
    if (!catalogue.notice().isBlank()) {
      h.append("<p class=notice>").append(htmlEscape(catalogue.notice())).append("</p>");
    }
    h.append("<p><strong>").append(report.complete() ? "Complet" : "Incomplet").append("</strong> : ")
        .append(report.depositedCount()).append(" preuves déposées sur ").append(report.applicableProofs().size())
        .append(" en ").append(report.sends()).append(" envoi(s) ; profils ")
        .append(htmlEscape(String.join(", ", report.profiles())))
        .append(report.handlesIns() ? " ; utilise l’INS." : " ; n’utilise pas l’INS.").append("</p>");
    h.append("<table><tr><th>Exigence</th><th>Preuve</th><th>État</th><th>Fichier</th>")
        .append(canReview ? "<th>Marquer invalide</th>" : "").append("</tr>");
    for (RequirementLine line : report.requirements()) {
      for (ProofLine p : line.proofs()) {
        boolean na = line.status() == RequirementStatus.NOT_APPLICABLE;
        String css = na ? "na" : p.status() == EvidenceReport.ProofStatus.DEPOSITED ? "ok" : "ko";
        h.append("<tr><td>").append(htmlEscape(line.requirement().id() + " " + line.requirement().title()))
            .append("</td><td>").append(htmlEscape(p.proof().number())).append(" — ")
            .append(htmlEscape(p.proof().asks() == null ? "" : p.proof().asks())).append("</td><td class=")
            .append(css).append('>').append(na ? "sans objet pour les profils choisis"
                : htmlEscape(EvidenceReport.describe(p))).append("</td><td>");
        for (StoredProof f : p.current()) {
          h.append("<a href=\"").append(base).append("/proofs/").append(htmlEscape(f.id())).append("\">")
              .append(htmlEscape(f.entryName())).append("</a> ").append(f.size()).append(" octets, SHA-256 <code>")
              .append(htmlEscape(f.sha256().substring(0, 12))).append("…</code><br>");
        }
        h.append("</td>");
        if (canReview) {
          h.append("<td>");
          if (!na && p.status() == EvidenceReport.ProofStatus.DEPOSITED) {
            h.append("<form method=post action=\"").append(base).append("/invalid\">")
                .append("<input type=hidden name=csrf value=\"").append(htmlEscape(csrf)).append("\">")
                .append("<input type=hidden name=proofNumber value=\"").append(htmlEscape(p.proof().number()))
                .append("\"><input name=reason required maxlength=2000 placeholder=\"Motif\" aria-label=\"Motif\">")
                .append("<button>Marquer invalide</button></form>");
          }
          h.append("</td>");
        }
        h.append("</tr>");
      }
    }
    h.append("</table>");
    if (!report.unknownProofs().isEmpty()) {
      h.append("<h2>Preuves inconnues</h2><p>Nommées comme des preuves mais absentes du catalogue ; elles ne comptent"
          + " pas :</p><ul>");
      report.unknownProofs().forEach(u -> h.append("<li>").append(htmlEscape(u.entryName())).append(" (envoi ")
          .append(u.sendNumber()).append(")</li>"));
      h.append("</ul>");
    }
    if (canDeposit) {
      h.append("<h2>Envoyer une archive</h2><p>Nommez-la <code>").append(htmlEscape(deposits.nextArchiveName(dossier.getId())))
          .append("</code> ; nommez chaque preuve d’après son numéro, espaces remplacées par des tirets bas,")
          .append(" avec n’importe quelle extension (<code>INS_2.1.1.jpeg</code>). Plus grande archive : ")
          .append(ArchiveReader.human(properties.maxArchiveSize().toBytes())).append(".</p>")
          .append("<form method=post enctype=multipart/form-data action=\"").append(base).append("\">")
          .append("<input type=hidden name=csrf value=\"").append(htmlEscape(csrf)).append("\">")
          .append("<input type=file name=archive accept=\".zip,application/zip\" required aria-label=\"Archive\"> ")
          .append("<button>Envoyer</button></form>");
    }
    h.append("<h2>Envois</h2><ol>");
    deposits.sends(dossier.getId()).forEach(s -> h.append("<li>").append(htmlEscape(s.archiveName()))
        .append(", ").append(htmlEscape(String.valueOf(s.sentAt()))).append(", par ")
        .append(htmlEscape(String.valueOf(s.sentBy()))).append("</li>"));
    h.append("</ol></body></html>");
    return h.toString();
  }
}
