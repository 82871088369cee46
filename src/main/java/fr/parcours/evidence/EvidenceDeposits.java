package fr.parcours.evidence;

import fr.parcours.candidature.Candidature;
import fr.parcours.evidence.ArchiveReader.ReadEntry;
import fr.parcours.evidence.EvidenceStore.Send;
import fr.parcours.evidence.EvidenceStore.StoredProof;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Receives evidence archives for a dossier, keeps their proofs outside the process (files on disk, rows in
 * the database), and keeps the dossier's variables in step: the completeness report, the sections
 * deposited, and when the evidence became complete. Callers check who may do what
 * ({@link EvidenceAccess}); this service checks the dossier's state.
 */
@Service
public class EvidenceDeposits {

  /** Longest report kept in a process variable (Camunda's text column holds 4,000 characters). */
  static final int REPORT_VARIABLE_LENGTH = 3900;

  private final EvidenceCatalogue catalogue;
  private final LineRequirements lines;
  private final EvidenceStore store;
  private final EvidenceProperties properties;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ZoneId zone;

  EvidenceDeposits(EvidenceCatalogue catalogue, LineRequirements lines, EvidenceStore store,
      EvidenceProperties properties, RuntimeService runtime, TaskService tasks, IdentityService identity,
      @org.springframework.beans.factory.annotation.Value("${parcours.zone:Europe/Paris}") String zone) {
    this.catalogue = catalogue;
    this.lines = lines;
    this.store = store;
    this.properties = properties;
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.zone = ZoneId.of(zone);
  }

  /** What a deposit became. */
  public record Deposit(int sendNumber, int proofFiles, EvidenceReport report) {
  }

  /**
   * Checks an archive against the dossier and the catalogue and keeps it, or refuses it whole.
   *
   * @throws EvidenceRejectedException naming the problem; nothing of the archive is kept
   */
  @Transactional
  public Deposit deposit(String processInstanceId, String userId, String archiveName, InputStream content) {
    return asEngine(() -> {
      Map<String, Object> dossier = openDossier(processInstanceId, EvidenceVariables.TASK_DEPOSIT,
          EvidenceVariables.TASK_COMPLEMENTS, "les dépôts sont acceptés tant que « Déposer les preuves »"
              + " ou « Fournir des compléments » est ouverte");
      String dossierId = String.valueOf(dossier.get("dossierId"));
      String prefix = ArchiveName.prefixFor(text(dossier.get("companyName")),
          text(dossier.get("softwareName")), text(dossier.get("softwareVersion")));
      ArchiveName name = ArchiveName.parse(archiveName, prefix);
      if (!name.isFor(prefix)) {
        throw EvidenceRejectedException.of("evidence.refused.otherDossier", archiveName, dossierId,
            new EvidenceRejectedException.Each(prefix + ArchiveName.DAY_AND_SEND, prefix + ArchiveName.DAY_AND_SEND_EN));
      }
      List<Send> sends = store.sends(processInstanceId);
      int next = sends.size() + 1;
      if (name.sendNumber() != next) {
        throw EvidenceRejectedException.of("evidence.refused.sendNumber", archiveName, name.sendNumber(), dossierId,
            next);
      }
      Instant now = ClockUtil.getCurrentTime().toInstant();
      LocalDate today = LocalDate.ofInstant(now, zone);
      if (name.date().isAfter(today)) {
        throw EvidenceRejectedException.of("evidence.refused.future", archiveName, ArchiveName.dated(name.date()),
            ArchiveName.dated(today));
      }
      if (!sends.isEmpty()) {
        LocalDate previous = LocalDate.ofInstant(sends.get(sends.size() - 1).sentAt(), zone);
        if (name.date().isBefore(previous)) {
          throw EvidenceRejectedException.of("evidence.refused.beforePrevious", archiveName,
              ArchiveName.dated(name.date()), next - 1, ArchiveName.dated(previous));
        }
      }
      return keep(processInstanceId, userId, archiveName, content, dossier, next, now);
    });
  }

  private Deposit keep(String processInstanceId, String userId, String archiveName, InputStream content,
      Map<String, Object> dossier, int sendNumber, Instant now) {
    Path root = properties.storage().toAbsolutePath().normalize();
    Path work = createFolder(root.resolve(".incoming").resolve(UUID.randomUUID().toString()));
    Path sendFolder = root.resolve(safeFolder(processInstanceId)).resolve(String.valueOf(sendNumber));
    List<Path> kept = new ArrayList<>();
    try {
      List<ReadEntry> entries = new ArchiveReader(properties).read(archiveName, content, work);
      onlyClaimedLines(archiveName, entries, dossier);
      onlyTheDossiersVersion(archiveName, entries, dossier);
      createFolder(sendFolder);
      store.addSend(processInstanceId, new Send(sendNumber, archiveName, now, userId));
      for (ReadEntry entry : entries) {
        String id = UUID.randomUUID().toString();
        Path target = sendFolder.resolve(id + ".bin");
        Files.move(entry.tempFile(), target, StandardCopyOption.ATOMIC_MOVE);
        kept.add(target);
        store.addProof(new StoredProof(id, processInstanceId, sendNumber, entry.entryName(), entry.proofNumber(),
            entry.sha256(), entry.size(), root.relativize(target).toString(), null, null));
      }
      if (TransactionSynchronizationManager.isSynchronizationActive()) {
        // a later failure of the surrounding transaction must not leave files nobody references
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status != STATUS_COMMITTED) {
              deleteAll(kept);
            }
          }
        });
      }
      EvidenceReport report = refreshVariables(processInstanceId, dossier);
      return new Deposit(sendNumber, entries.size(), report);
    } catch (DuplicateKeyException e) {
      deleteAll(kept);
      throw new EvidenceRejectedException("L’archive « " + archiveName + " » : un autre envoi de ce dossier a été accepté au"
          + " même moment ; rechargez la page des preuves pour voir le prochain numéro d’envoi.");
    } catch (IOException e) {
      deleteAll(kept);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      deleteAll(kept);
      throw e;
    } finally {
      deleteTree(work);
    }
  }

  /**
   * In a dossier that claims generic lines, a proof of another line refuses the whole archive, naming the line. A
   * dossier that claims none (PECAN, the brand name, a generic-line dossier started before its track took the lines)
   * keeps such a proof among the unknown ones, as before.
   */
  private void onlyClaimedLines(String archiveName, List<ReadEntry> entries, Map<String, Object> dossier) {
    List<String> claimed = LineRequirements.ids(dossier.get(LineRequirements.CLAIMED_LINES));
    if (claimed.isEmpty()) {
      return;
    }
    for (ReadEntry entry : entries) {
      lines.lineOfProof(entry.proofNumber()).filter(line -> !claimed.contains(line.id())).ifPresent(line -> {
        throw new EvidenceRejectedException("L’archive « " + archiveName + " » contient la preuve " + entry.proofNumber()
            + " (" + entry.entryName() + "), une exigence de la ligne générique « " + line.label() + " », que ce"
            + " dossier ne demande pas (il demande : " + String.join(", ", lines.claimed(claimed).stream()
                .map(LineRequirements.Line::label).toList()) + ") : retirez-la de l’archive et renvoyez l’archive.");
      });
    }
  }

  /**
   * A proof that another version of the referential asks for, but not the dossier's, refuses the whole archive, naming
   * the proof and both versions: the vendor sent proofs of the wrong window (an old archive sent again, most often). A
   * proof no version describes stays among the unknown ones, as before.
   */
  private void onlyTheDossiersVersion(String archiveName, List<ReadEntry> entries, Map<String, Object> dossier) {
    EvidenceCatalogue.Version version = versionOf(dossier);
    for (ReadEntry entry : entries) {
      if (entry.proofNumber() == null || version.requirementsByProof().containsKey(entry.proofNumber())) {
        continue;
      }
      List<String> others = catalogue.versionsWithProof(entry.proofNumber());
      if (!others.isEmpty()) {
        throw new EvidenceRejectedException("L’archive « " + archiveName + " » contient la preuve "
            + entry.proofNumber() + " (" + entry.entryName() + "), que la version " + version.name()
            + " du référentiel, celle de ce dossier, ne demande pas (elle est demandée par la version "
            + String.join(", ", others) + ") : retirez-la de l’archive et renvoyez l’archive avec les preuves de la"
            + " version " + version.name() + ", listées sur la page des preuves.");
      }
    }
  }

  /** The version of the referential whose requirements the dossier answers (its window's). */
  EvidenceCatalogue.Version versionOf(Map<String, Object> dossier) {
    Object named = dossier.get(EvidenceVariables.REFERENTIAL_VERSION);
    return catalogue.of(named == null ? null : named.toString());
  }

  /** The longest reason a reviewer may give for an invalid proof (column {@code invalid_reason}). */
  public static final int MAX_INVALID_REASON = 2000;

  /**
   * The reviewer marks the current file of a proof invalid; the vendor must send it again.
   *
   * @throws EvidenceRejectedException when the dossier is not in review or the proof has no current file
   */
  @Transactional
  public EvidenceReport invalidate(String processInstanceId, String proofNumber, String reason, String userId) {
    return asEngine(() -> {
      Map<String, Object> dossier = openDossier(processInstanceId, EvidenceVariables.TASK_REVIEW, null,
          "les preuves sont marquées invalides tant que « Examiner les preuves » est ouverte");
      if (reason == null || reason.isBlank()) {
        throw new EvidenceRejectedException("Écrivez pourquoi la preuve " + proofNumber + " est invalide : l’industriel le lit.");
      }
      if (reason.strip().length() > MAX_INVALID_REASON) {
        // the column holds that many; a longer one failed in the database, a 500 (walk 11)
        throw new EvidenceRejectedException("Le motif de la preuve " + proofNumber + " a " + reason.strip().length()
            + " caractères : raccourcissez-le à " + MAX_INVALID_REASON + " au plus, rien n’a été marqué.");
      }
      EvidenceReport report = report(processInstanceId, dossier);
      StoredProof current = report.applicableProofs().stream()
          .filter(p -> p.proof().number().equals(proofNumber) && p.status() == EvidenceReport.ProofStatus.DEPOSITED)
          .map(p -> p.current().get(0)).findFirst()
          .orElseThrow(() -> new EvidenceRejectedException("La preuve « " + proofNumber + " » n’a aucun fichier"
              + " valide déposé dans ce dossier : seule une preuve déposée peut être marquée invalide."));
      store.invalidate(current.id(), reason.strip(), userId, ClockUtil.getCurrentTime().toInstant());
      return refreshVariables(processInstanceId, dossier);
    });
  }

  /** The report over every send, from the dossier's variables (as a task listener has them). */
  public EvidenceReport report(String processInstanceId, Map<String, Object> dossier) {
    Candidature c = Candidature.from(dossier);
    return EvidenceReport.compute(versionOf(dossier), lines.claimed(dossier.get(LineRequirements.CLAIMED_LINES)),
        c.softwareProfiles(), c.handlesIns(), store.proofs(processInstanceId), store.sends(processInstanceId).size());
  }

  public EvidenceReport report(String processInstanceId) {
    return asEngine(() -> report(processInstanceId, runtime.getVariables(processInstanceId)));
  }

  List<Send> sends(String processInstanceId) {
    return store.sends(processInstanceId);
  }

  List<StoredProof> proofs(String processInstanceId) {
    return store.proofs(processInstanceId);
  }

  /** The stored file of a proof of that dossier, or null. */
  Path file(String processInstanceId, String proofId) {
    return store.proofs(processInstanceId).stream().filter(p -> p.id().equals(proofId)).findFirst()
        .map(p -> properties.storage().toAbsolutePath().normalize().resolve(p.storedFile())).orElse(null);
  }

  /** Archive name the next send of the dossier must carry, today. */
  public String nextArchiveName(String processInstanceId) {
    return asEngine(() -> {
      Map<String, Object> v = runtime.getVariables(processInstanceId);
      return ArchiveName.prefixFor(text(v.get("companyName")), text(v.get("softwareName")),
          text(v.get("softwareVersion"))) + "_"
          + ArchiveName.dated(LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone)) + "_"
          + (store.sends(processInstanceId).size() + 1) + ".zip";
    });
  }

  /**
   * A name read as text: the forms refuse a number sent to a text field, but a dossier stored before, or repaired through
   * the REST API, may hold one (« Version du logiciel » 2.1 typed Double made the evidence page a 500).
   */
  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private EvidenceReport refreshVariables(String processInstanceId, Map<String, Object> dossier) {
    EvidenceReport report = report(processInstanceId, dossier);
    Map<String, Object> variables = new HashMap<>();
    variables.put(EvidenceVariables.REPORT, report.toMarkdown(REPORT_VARIABLE_LENGTH));
    variables.put(EvidenceVariables.REPORT_COMPLETE, report.complete());
    variables.put(EvidenceVariables.SENDS, report.sends());
    variables.put(EvidenceVariables.DEPOSITED_SECTIONS, sectionsValue(report));
    variables.put(EvidenceVariables.SECTIONS, sectionOptions(report));
    if (report.complete() && dossier.get(EvidenceVariables.RECEIVED_COMPLETE_AT) == null) {
      variables.put(EvidenceVariables.RECEIVED_COMPLETE_AT, ClockUtil.getCurrentTime());
    }
    runtime.setVariables(processInstanceId, variables);
    return report;
  }

  /** The deposit form's box "Toutes les preuves sont déposées". */
  public static final String ALL_EVIDENCE_DEPOSITED = "allEvidenceDeposited";

  /**
   * Checks a deposit task as the vendor completes it: the evidence is complete when the report computed over every
   * archive received says so (ticking {@value #ALL_EVIDENCE_DEPOSITED} does not make it so); the sections ticked in
   * the form always become the report's. Left unticked, the task comes back to the vendor (she may come back later)
   * and says at its top that nothing was sent to the ANS and what to do ({@link EvidenceVariables#NOT_SENT_NOTICE}).
   */
  public void checkDeposit(org.camunda.bpm.engine.delegate.DelegateTask task) {
    fr.parcours.shared.TaskInputs.defaultFalse(task, ALL_EVIDENCE_DEPOSITED);
    EvidenceReport report = report(task.getProcessInstanceId(), task.getVariables());
    task.setVariable(EvidenceVariables.DEPOSITED_SECTIONS, sectionsValue(report));
    task.setVariable(EvidenceVariables.SECTIONS, sectionOptions(report));
    boolean send = Boolean.TRUE.equals(task.getVariable(ALL_EVIDENCE_DEPOSITED));
    if (send && !report.complete()) {
      throw new fr.parcours.shared.BadInputException("Vous déclarez toutes les preuves déposées, mais les preuves"
          + " reçues ne sont pas complètes : " + String.join(" ; ", report.outstanding()) + ". Envoyez ces preuves"
          + " depuis la page des preuves, ou décochez « Toutes les preuves sont déposées » pour enregistrer où vous en"
          + " êtes.");
    }
    task.setVariable(EvidenceVariables.NOT_SENT_NOTICE, send ? "" : notSentNotice(
        LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone)));
  }

  /** What the deposit task that comes back says: nothing went to the ANS, and how to send it. */
  static String notSentNotice(LocalDate validatedOn) {
    return "**Rien n’a été envoyé à l’ANS.** Le " + fr.parcours.deadline.LegalDates.date(validatedOn,
        java.util.Locale.FRENCH) + ", vous avez validé cette tâche sans cocher « Toutes les preuves sont déposées » :"
        + " elle revient donc à vous, et l’ANS n’a pas reçu le dossier de preuves. Quand le rapport de l’envoi dit"
        + " « Complet » sur la page des preuves, cochez la case en bas du formulaire, puis Valider : le dossier de preuves part à l’ANS.";
  }

  /** The deposited sections as the deposit form's checklist holds them. */
  public static Object sectionsValue(EvidenceReport report) {
    return SpinValues.jsonValue(report.depositedSections().stream().map(s -> "\"" + s + "\"")
        .reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]")).create();
  }

  /**
   * The checklist's options: the sections that apply to the dossier's profiles, with their names, so that the form
   * does not list a section « sans objet » for them.
   */
  public static Object sectionOptions(EvidenceReport report) {
    return SpinValues.jsonValue(report.applicableSections().stream()
        .map(s -> "{\"label\":\"" + EvidenceCatalogue.SECTION_LABELS.get(s) + "\",\"value\":\"" + s + "\"}")
        .reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]")).create();
  }

  private Map<String, Object> openDossier(String processInstanceId, String task, String otherTask, String rule) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult();
    if (instance == null) {
      throw new EvidenceRejectedException("Aucun dossier en cours ne porte le numéro d’instance " + processInstanceId
          + ".");
    }
    long open = tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKeyIn(otherTask == null ? new String[] {task} : new String[] {task, otherTask}).count();
    if (open == 0) {
      throw new EvidenceRejectedException("Le dossier " + instance.getBusinessKey() + " n’attend pas cela : "
          + rule + ".");
    }
    return runtime.getVariables(processInstanceId);
  }

  /** Runs engine calls as the engine itself: the caller has checked the person's rights already. */
  private <T> T asEngine(Supplier<T> action) {
    Authentication current = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return action.get();
    } finally {
      if (current != null) {
        identity.setAuthentication(current);
      }
    }
  }

  private static String safeFolder(String processInstanceId) {
    if (!processInstanceId.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("Unexpected process instance id " + processInstanceId);
    }
    return processInstanceId;
  }

  private static Path createFolder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Le dossier des preuves " + folder + " n’a pas pu être créé (" + e + ") :"
          + " vérifiez que Parcours peut écrire dans le stockage des preuves (réglage parcours.evidence.storage) et"
          + " que le disque n’est pas plein ; l’envoi peut ensuite être refait.", e);
    }
  }

  private static void deleteAll(List<Path> files) {
    files.forEach(f -> f.toFile().delete());
  }

  private static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // leftovers under .incoming are never referenced; EvidenceSweep removes them at a later start
    }
  }
}
