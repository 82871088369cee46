package fr.parcours.device;

import fr.parcours.candidature.CandidatureWords;
import fr.parcours.deadline.LegalDates;
import fr.parcours.shared.BadInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each vendor company's devices, their certificates of conformity and their registrations (tables of
 * {@code db/migration/V2__devices_certificates_registrations.sql}). The pathways write here when a certificate or
 * a registration is granted, in the engine's transaction: a step rolled back writes nothing, and a step retried
 * finds its row already there (a certificate by its number, a registration by its dossier, kind and first day).
 * Nothing here depends on the engine's history: the rows outlive the dossiers that produced them.
 */
@Service
public class DeviceRecords {

  /** The referential the ANS certifies against (seed 003: "Référentiel d’interopérabilité et de sécurité"). */
  public static final String ANS_REFERENTIAL = "Référentiel d’interopérabilité et de sécurité des DMN";
  /** The days of a certificate (its last day) are those of Paris. */
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** What a registration is for reimbursement. */
  public enum RegistrationKind { PECAN, BRAND_NAME, GENERIC_LINE }

  /** A device as a dossier names it: the company's group, the software's name and version, and what is known. */
  public record DeviceFacts(String vendorGroup, String companyName, String name, String version, String profiles,
      String basicUdiDi) {
    public DeviceFacts {
      if (vendorGroup == null || vendorGroup.isBlank() || name == null || name.isBlank()) {
        throw new IllegalArgumentException("A device needs its company's group and its name (got group '"
            + vendorGroup + "', name '" + name + "')");
      }
      version = version == null || version.isBlank() ? "—" : version.trim();
      name = name.trim();
    }
  }

  public record Certificate(String number, String referential, String referentialVersion, Instant issuedAt,
      LocalDate validUntil, Instant withdrawnAt, String withdrawalReason, String dossierId, String pathway,
      String previousCertificate, String replacedBy, Instant replacedAt) {
    public boolean withdrawn() {
      return withdrawnAt != null;
    }

    /** Replaced by a newer certificate of the same device and referential (a re-certification): no longer in force. */
    public boolean replaced() {
      return replacedBy != null;
    }

    /** Neither withdrawn (nor lapsed) nor replaced: the device's certificate of this referential. */
    public boolean inForce() {
      return !withdrawn() && !replaced();
    }

    /** An ETAPES vendor's provisional certificate: the final certificate of its referential replaces it. */
    public boolean provisional() {
      return referential.endsWith(PROVISIONAL);
    }

    /**
     * Lapsed rather than withdrawn: a provisional certificate whose last day passed first. The records keep it as a
     * withdrawal (ProvisionalCertificates), recorded once its last day was over, while an audit withdraws a
     * certificate still in force; so a withdrawal recorded after the certificate's last day (Paris) is its lapse.
     */
    public boolean lapsed() {
      return withdrawnAt != null && validUntil != null
          && withdrawnAt.atZone(PARIS).toLocalDate().isAfter(validUntil);
    }
  }

  public record Registration(RegistrationKind kind, String reference, LocalDate startsOn, LocalDate endsOn,
      String dossierId) {
  }

  public record Device(String id, String vendorGroup, String companyName, String name, String version,
      String profiles, String basicUdiDi, List<Certificate> certificates, List<Registration> registrations,
      List<Refusal> refusals) {
    /**
     * When the device was left without a certificate of conformity to the ANS referential (final or provisional):
     * the day of its newest withdrawal, when every such certificate it held is withdrawn or lapsed; empty while one
     * is in force. Every registration rests on that certificate (seeds 000, 001, 002), so {@code /devices} says so
     * beside a registration still running; the seeds do not say that the withdrawal ends the registration, which
     * the ministers' decision set.
     */
    public Optional<Instant> withoutCertificateSince() {
      List<Certificate> ans = certificates.stream().filter(c -> c.referential().startsWith(ANS_REFERENTIAL)).toList();
      if (ans.isEmpty() || ans.stream().anyMatch(Certificate::inForce)) {
        return Optional.empty();
      }
      return ans.stream().map(Certificate::withdrawnAt).filter(Objects::nonNull).max(Instant::compareTo);
    }

    /** Whether the device is without a certificate because the last one it held lapsed (rather than withdrawn). */
    public boolean withoutCertificateByLapse() {
      return withoutCertificateSince().flatMap(since -> certificates.stream()
          .filter(c -> c.referential().startsWith(ANS_REFERENTIAL) && since.equals(c.withdrawnAt())).findFirst())
          .map(Certificate::lapsed).orElse(false);
    }
  }

  /**
   * A certificate with the device and company it belongs to, and the dossier (its ANS track's instance) that
   * produced it: what a re-certification cycle starts from.
   */
  public record CertifiedDevice(String certificateNumber, String deviceId, String vendorGroup, String companyName,
      String deviceName, String deviceVersion, String referential, String referentialVersion, boolean withdrawn,
      String dossierId, String processInstanceId, String replacedBy, Instant replacedAt) {
    /** Still in force: not withdrawn (nor lapsed), nor replaced by a newer certificate of the device. */
    public boolean inForce() {
      return !withdrawn && replacedBy == null;
    }

    /**
     * The French sentence that says this certificate was replaced, by which one and when ({@code after}: what to do
     * with the one in force, with its punctuation); null when it was not.
     */
    public String replacedSentence(String after) {
      return replacedBy == null ? null : replacedWords(CandidatureWords.same(after)).french();
    }

    /** {@link #replacedSentence} in both languages ({@code i18n/candidature*.properties}). */
    public CandidatureWords replacedWords(CandidatureWords after) {
      LocalDate day = replacedAt.atZone(PARIS).toLocalDate();
      return CandidatureWords.of("certificate.replaced", certificateNumber, CandidatureWords.each(
          LegalDates.date(day, Locale.FRENCH), LegalDates.date(day, Locale.ENGLISH)), replacedBy, after);
    }
  }

  private final JdbcTemplate jdbc;
  private final TransactionTemplate savepoint;

  DeviceRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    // a savepoint inside the caller's transaction (a new transaction when there is none): a device row another
    // dossier inserted at the same moment fails only the insert, which is then read back
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Records a certificate of conformity for the device; a second call with the same number changes nothing. */
  public void certificateIssued(DeviceFacts device, String number, String referential, String referentialVersion,
      Instant issuedAt, LocalDate validUntil, String dossierId, String processInstanceId, String pathway) {
    if (number == null || number.isBlank()) {
      throw new IllegalArgumentException("A certificate needs its number");
    }
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM parcours_certificate WHERE number = ?", Integer.class,
        number);
    if (known != null && known > 0) {
      return;
    }
    // as the database keeps it (microseconds, rounded): compared below with what it kept, a nanosecond instant
    // (Instant.now()) rounded up made the certificate "issued after itself", and replaced by itself
    issuedAt = issuedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    String deviceId = deviceId(device, issuedAt);
    // one certificate in force per device and referential, whatever runs beside: two dossiers (two nodes, a
    // re-certification and another issuance) wait here for each other on the device's row, so the second reads the
    // first's certificate once committed and the rules below see both (existingDevice's update takes the same lock
    // today; taken here by name, the rule does not hang on that update)
    jdbc.queryForList("SELECT id FROM parcours_device WHERE id = ? FOR UPDATE", String.class, deviceId);
    jdbc.update("INSERT INTO parcours_certificate (id, device_id, number, referential, referential_version, issued_at,"
        + " valid_until, dossier_id, process_instance_id, pathway, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), deviceId, number, referential, referentialVersion, Timestamp.from(issuedAt),
        validUntil, dossierId, processInstanceId, pathway, Timestamp.from(issuedAt));
    // the new certificate of the device and referential replaces the one in force issued before it, or at the same
    // instant (a re-certification, seed 003; the later recorded wins a tie), and a final certificate the provisional
    // one of its referential (ETAPES): kept, with its day and successor; a withdrawn one keeps its withdrawal
    jdbc.update("UPDATE parcours_certificate SET replaced_by = ?, replaced_at = ? WHERE device_id = ? AND referential"
        + " IN (?, ?) AND number <> ? AND withdrawn_at IS NULL AND replaced_by IS NULL AND issued_at <= ?", number,
        Timestamp.from(issuedAt), deviceId, referential, provisionalOf(referential), number, Timestamp.from(issuedAt));
    // recorded out of order (an older certificate imported after a newer one): the newer stays in force, and this one
    // is replaced by the first issued after it, as Flyway V14 marked those recorded before it
    String base = referential.endsWith(PROVISIONAL) ? referential.substring(0, referential.length()
        - PROVISIONAL.length()) : referential;
    jdbc.queryForList("SELECT number, issued_at FROM parcours_certificate WHERE device_id = ? AND referential IN (?, ?)"
        + " AND number <> ? AND issued_at > ? ORDER BY issued_at, number", deviceId, referential, base, number,
        Timestamp.from(issuedAt))
        .stream().findFirst().ifPresent(newer -> jdbc.update("UPDATE parcours_certificate SET replaced_by = ?,"
            + " replaced_at = ? WHERE number = ? AND withdrawn_at IS NULL", newer.get("number"), newer.get("issued_at"),
            number));
  }

  /** What a provisional certificate of a referential adds to its name (an ETAPES vendor's, seed 001). */
  public static final String PROVISIONAL = " — certificat provisoire (ETAPES)";

  /** The referential a provisional certificate of this referential names: the final one replaces it. */
  public static String provisionalOf(String referential) {
    return referential + PROVISIONAL;
  }

  /** Records a registration of the device; a second call for the same dossier, kind and first day changes nothing. */
  public void registered(DeviceFacts device, RegistrationKind kind, String reference, LocalDate startsOn,
      LocalDate endsOn, String dossierId, String processInstanceId, Instant now) {
    insertRegistration(device, kind, reference, null, startsOn, endsOn, dossierId, processInstanceId, now);
  }

  /**
   * Records the individual code allocated on a generic line (the line's names as the published list shows them);
   * a second call for the same dossier and first day changes nothing.
   */
  public void registeredOnLine(DeviceFacts device, String code, String lineNames, LocalDate startsOn,
      LocalDate endsOn, String dossierId, String processInstanceId, Instant now) {
    insertRegistration(device, RegistrationKind.GENERIC_LINE, code, lineNames, startsOn, endsOn, dossierId,
        processInstanceId, now);
  }

  private void insertRegistration(DeviceFacts device, RegistrationKind kind, String reference, String lineName,
      LocalDate startsOn, LocalDate endsOn, String dossierId, String processInstanceId, Instant now) {
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM parcours_registration WHERE process_instance_id = ?"
        + " AND kind = ? AND starts_on = ?", Integer.class, processInstanceId, kind.name(), startsOn);
    if (known != null && known > 0) {
      return;
    }
    String deviceId = deviceId(device, now);
    jdbc.update("INSERT INTO parcours_registration (id, device_id, kind, reference, line_name, starts_on, ends_on,"
        + " dossier_id, process_instance_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), deviceId, kind.name(), reference, lineName, startsOn, endsOn, dossierId,
        processInstanceId, Timestamp.from(now));
  }

  /** A code of the published list: the code, its line(s), the company, the device, its first and last day. */
  public record PublishedCode(String code, String lineNames, String vendorGroup, String companyName, String device,
      LocalDate firstDay, LocalDate lastDay, String dossierId) {
  }

  /**
   * The individual codes allocated on generic lines, by code: every company's when {@code vendorGroups} is null, else
   * only these companies'.
   */
  public List<PublishedCode> publishedCodes(Collection<String> vendorGroups) {
    if (vendorGroups != null && vendorGroups.isEmpty()) {
      return List.of();
    }
    String where = vendorGroups == null ? "" : " AND d.vendor_group IN (" + String.join(", ",
        vendorGroups.stream().map(g -> "?").toList()) + ")";
    return jdbc.query("SELECT r.reference, r.line_name, d.vendor_group, d.company_name, d.name, d.version,"
        + " r.starts_on, r.ends_on, r.dossier_id FROM parcours_registration r JOIN parcours_device d"
        + " ON d.id = r.device_id WHERE r.kind = 'GENERIC_LINE'" + where + " ORDER BY r.reference, r.starts_on",
        (rs, i) -> new PublishedCode(rs.getString("reference"), rs.getString("line_name"),
            rs.getString("vendor_group"), rs.getString("company_name"),
            rs.getString("name") + " " + rs.getString("version"), day(rs, "starts_on"), day(rs, "ends_on"),
            rs.getString("dossier_id")),
        vendorGroups == null ? new Object[0] : vendorGroups.toArray());
  }

  /** A certification the ANS refused, with its reasons: what the device's records keep of it. */
  public record Refusal(String referential, String reasons, Instant refusedAt, String dossierId) {
  }

  /**
   * Records that the ANS refused to certify the device against this referential (the ANS's, in one of its versions,
   * or a generic line's minimum requirements), with its reasons; a second call for the same dossier and referential
   * changes nothing.
   */
  public void certificationRefused(DeviceFacts device, String referential, String reasons, Instant at,
      String dossierId, String processInstanceId) {
    if (reasons == null || reasons.isBlank()) {
      throw new BadInputException("Le refus de « " + referential + " » n’a pas de motif : écrivez les raisons du refus ;"
          + " l’industriel les recevra.");
    }
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM parcours_certification_refusal WHERE process_instance_id"
        + " = ? AND referential = ?", Integer.class, processInstanceId, referential);
    if (known != null && known > 0) {
      return;
    }
    jdbc.update("INSERT INTO parcours_certification_refusal (id, device_id, referential, reasons, refused_at,"
        + " dossier_id, process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
        deviceId(device, at), referential, reasons.strip(), Timestamp.from(at), dossierId, processInstanceId);
  }

  /** The refusals recorded for a dossier, oldest first. */
  public List<Refusal> refusalsOf(String dossierId) {
    return jdbc.query("SELECT referential, reasons, refused_at, dossier_id FROM parcours_certification_refusal"
        + " WHERE dossier_id = ? ORDER BY refused_at, referential", (rs, i) -> new Refusal(rs.getString("referential"),
            rs.getString("reasons"), instant(rs, "refused_at"), rs.getString("dossier_id")), dossierId);
  }

  /**
   * Withdraws a certificate (an audit found a non-conformity that was not corrected). Refused, nothing changed:
   * no reasons, a number that names no certificate, a certificate already withdrawn.
   */
  public void withdraw(String number, String reason, Instant at) {
    if (reason == null || reason.isBlank()) {
      throw new BadInputException("Le retrait du certificat " + number + " n’a pas de motif : écrivez les raisons du"
          + " retrait (la non-conformité constatée et non corrigée) ; l’industriel les recevra.");
    }
    int changed = jdbc.update("UPDATE parcours_certificate SET withdrawn_at = ?, withdrawal_reason = ? WHERE number = ?"
        + " AND withdrawn_at IS NULL", Timestamp.from(at), reason.trim(), number);
    if (changed == 0) {
      throw new BadInputException("Aucun certificat en vigueur ne porte le numéro « " + number + " » : vérifiez le"
          + " numéro ; un certificat déjà retiré ne peut pas l’être une seconde fois.");
    }
  }

  /**
   * A provisional certificate (an ETAPES vendor's, valid until a date) becomes final: it no longer has an end date.
   * A certificate already final, withdrawn or replaced (by the final certificate, which its dossier issued: it keeps
   * the last day it had) is left as it is.
   */
  public void becameFinal(String number) {
    jdbc.update("UPDATE parcours_certificate SET valid_until = NULL WHERE number = ? AND withdrawn_at IS NULL"
        + " AND replaced_by IS NULL", number);
  }

  /**
   * A provisional certificate lapsed at its date: withdrawn with that reason; true when it did. One withdrawn meanwhile
   * (an audit) keeps its own reason, and one replaced meanwhile (its final certificate, issued before the date passed)
   * did not lapse: it stays replaced, and the certificate that replaced it in force; the step that records the lapse
   * never fails on either.
   */
  public boolean lapsed(String number, String reason, Instant at) {
    return jdbc.update("UPDATE parcours_certificate SET withdrawn_at = ?, withdrawal_reason = ? WHERE number = ?"
        + " AND withdrawn_at IS NULL AND replaced_by IS NULL", Timestamp.from(at), reason, number) > 0;
  }

  /**
   * The refusal of a certificate number that names none of the vendor company's certificates (another company's is
   * answered the same, so nothing of it shows), then what else to do ({@code next}, with its punctuation).
   */
  public static BadInputException notTheCompanys(String number, String next) {
    return new BadInputException(notTheCompanys(number, CandidatureWords.same(next)).french());
  }

  /** {@link #notTheCompanys(String, String)} in both languages ({@code i18n/candidature*.properties}). */
  public static CandidatureWords notTheCompanys(String number, CandidatureWords next) {
    return CandidatureWords.of("certificate.notTheCompanys", number, next);
  }

  /** The certificate of this number, with its device and company; empty when no certificate has it. */
  public Optional<CertifiedDevice> certificate(String number) {
    if (number == null || number.isBlank()) {
      return Optional.empty();
    }
    return jdbc.query(CERTIFIED + " WHERE c.number = ?", CERTIFIED_ROWS, number.strip()).stream().findFirst();
  }

  /** The certificates this one replaced, and those they replaced, and so on (its re-certifications' earlier ones). */
  public List<String> earlierOf(String number) {
    List<String> earlier = new ArrayList<>();
    List<String> next = List.of(number);
    while (!next.isEmpty()) {
      List<String> found = new ArrayList<>();
      for (String one : next) {
        jdbc.queryForList("SELECT number FROM parcours_certificate WHERE replaced_by = ?", String.class, one).stream()
            .filter(n -> !earlier.contains(n) && !n.equals(number)).forEach(found::add);
      }
      earlier.addAll(found);
      next = found;
    }
    return earlier;
  }

  /**
   * The certificate a person typed: its number whatever its case and with no spaces (« cc-dmn-2026-000123 »,
   * « CC - DMN-2026-000123 »), as a number copied from a mail or typed by hand comes; empty when none bears it.
   */
  public Optional<CertifiedDevice> certificateAsTyped(String typed) {
    String number = typed == null ? "" : typed.replaceAll("\\s+", "");
    if (number.isEmpty()) {
      return Optional.empty();
    }
    return certificate(number).or(() -> jdbc.query(CERTIFIED + " WHERE UPPER(c.number) = UPPER(?)", CERTIFIED_ROWS,
        number).stream().findFirst());
  }

  /**
   * The certificate that this one led to: itself, or the one that replaced it (a re-certification's), or the one that
   * replaced that one, and so on; a number that names no certificate is given back as it is.
   */
  public String latestOf(String number) {
    String current = number;
    List<String> seen = new ArrayList<>();
    while (!seen.contains(current)) {
      seen.add(current);
      Optional<String> next = jdbc.queryForList("SELECT replaced_by FROM parcours_certificate WHERE number = ?",
          String.class, current).stream().filter(Objects::nonNull).findFirst();
      if (next.isEmpty()) {
        return current;
      }
      current = next.get();
    }
    return current;
  }

  /**
   * The number of the company's certificate of the ANS referential in force for this device name and version (case
   * and surrounding spaces aside); empty when it has none.
   */
  public Optional<String> inForceFor(String vendorGroup, String name, String version) {
    return jdbc.queryForList("SELECT c.number FROM parcours_certificate c JOIN parcours_device d ON d.id = c.device_id"
        + " WHERE d.vendor_group = ? AND LOWER(d.name) = LOWER(?) AND LOWER(d.version) = LOWER(?)"
        + " AND c.referential = ? AND c.withdrawn_at IS NULL AND c.replaced_by IS NULL ORDER BY c.issued_at DESC", String.class, vendorGroup,
        name.strip(), version.strip(), ANS_REFERENTIAL).stream().findFirst();
  }

  /**
   * The certificate that replaced this one: a cycle's new certificate that renews it, or a newer certificate of the
   * same device and referential; empty when none did.
   */
  public Optional<String> renewedBy(String number) {
    return jdbc.queryForList("SELECT n.number FROM parcours_certificate n JOIN parcours_certificate c"
        + " ON n.previous_certificate = c.number OR (n.device_id = c.device_id AND n.referential = c.referential"
        + " AND n.issued_at > c.issued_at) WHERE c.number = ? ORDER BY n.issued_at DESC", String.class, number)
        .stream().findFirst();
  }

  /**
   * A re-certification for a new version of the referential: the new certificate names that version, even when
   * the ANS delivered it before the day the version applies from.
   */
  public void certifiedUnder(String number, String referentialVersion) {
    jdbc.update("UPDATE parcours_certificate SET referential_version = ? WHERE number = ?", referentialVersion,
        number);
  }

  /**
   * The devices certified under an older version of the referential than this one: each device's newest
   * certificate of the referential, when it is in force and under another version (a withdrawn certificate
   * re-certifies nothing: its vendor applies again).
   */
  public List<CertifiedDevice> certifiedBefore(String referential, String version) {
    return jdbc.query(CERTIFIED + " WHERE c.referential = ? AND c.referential_version <> ? AND c.withdrawn_at IS NULL"
        + " AND c.replaced_by IS NULL"
        + " AND NOT EXISTS (SELECT 1 FROM parcours_certificate n WHERE n.device_id = c.device_id"
        + " AND n.referential = c.referential AND n.issued_at > c.issued_at) ORDER BY d.company_name, d.name, d.version", CERTIFIED_ROWS,
        referential, version);
  }

  /**
   * Records that a new certification cycle of the device runs, renewing a certificate. Refused, nothing stored:
   * a cycle of the same device already running.
   */
  public void cycleOpened(String deviceId, String previousCertificate, String reason, String referentialVersion,
      String dossierId, String processInstanceId, Instant at) {
    Optional<String> running = runningCycle(deviceId);
    if (running.isPresent()) {
      throw new BadInputException("Un cycle de certification de ce dispositif est déjà en cours (dossier "
          + running.get() + ") : poursuivez-le depuis vos tâches dans Tasklist ou la page du dossier ; un second"
          + " cycle ne peut commencer qu’une fois celui-ci terminé.");
    }
    try {
      jdbc.update("INSERT INTO parcours_recertification (id, device_id, running_device_id, previous_certificate,"
          + " reason, referential_version, dossier_id, process_instance_id, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?)", UUID.randomUUID().toString(), deviceId, deviceId, previousCertificate, reason, referentialVersion,
          dossierId, processInstanceId, Timestamp.from(at));
    } catch (DuplicateKeyException startedMeanwhile) {
      // another cycle of the device started at the same instant and holds it now (the unique index)
      throw new BadInputException("Un autre cycle de certification de ce dispositif vient de commencer, au même"
          + " moment : poursuivez celui-ci depuis vos tâches dans Tasklist ou « Mes dispositifs et certificats » ;"
          + " rien n’a été démarré ici.");
    }
  }

  /**
   * The dossier of the cycle that runs to renew this certificate for this reason, if one does: a second click on the
   * same action of {@code /devices} finds the cycle the first one started.
   */
  public Optional<String> runningRenewal(String previousCertificate, String reason) {
    return jdbc.queryForList("SELECT dossier_id FROM parcours_recertification WHERE previous_certificate = ? AND"
        + " reason = ? AND running_device_id IS NOT NULL", String.class, previousCertificate, reason).stream()
        .findFirst();
  }

  /** The dossier of the cycle running on this device, if one runs. */
  public Optional<String> runningCycle(String deviceId) {
    return jdbc.queryForList("SELECT dossier_id FROM parcours_recertification WHERE running_device_id = ?",
        String.class, deviceId).stream().findFirst();
  }

  /** Every running cycle: the device's id and the cycle's dossier. */
  public Map<String, String> runningCycles() {
    Map<String, String> running = new LinkedHashMap<>();
    jdbc.query("SELECT running_device_id, dossier_id FROM parcours_recertification WHERE running_device_id IS NOT NULL",
        (ResultSet rs) -> {
          running.put(rs.getString("running_device_id"), rs.getString("dossier_id"));
        });
    return running;
  }

  /** The cycle of this process ended, with its new certificate or without (null). */
  public void cycleClosed(String processInstanceId, String newCertificate, Instant at) {
    jdbc.update("UPDATE parcours_recertification SET running_device_id = NULL, closed_at = ?, new_certificate = ?"
        + " WHERE process_instance_id = ? AND closed_at IS NULL", Timestamp.from(at), newCertificate,
        processInstanceId);
  }

  /** Links a new certificate to the one it renews. */
  public void renews(String newCertificate, String previousCertificate) {
    int changed = jdbc.update("UPDATE parcours_certificate SET previous_certificate = ? WHERE number = ?",
        previousCertificate, newCertificate);
    if (changed == 0) {
      throw new IllegalStateException("No certificate " + newCertificate + " to link to " + previousCertificate);
    }
    // a re-certification of the same device replaces its certificate, whenever each was issued (a new model's is
    // another device: the old model's certificate stays in force)
    jdbc.update("UPDATE parcours_certificate SET replaced_by = ?, replaced_at = (SELECT n.issued_at FROM"
        + " parcours_certificate n WHERE n.number = ?) WHERE number = ? AND withdrawn_at IS NULL AND replaced_by IS NULL"
        + " AND device_id = (SELECT n.device_id FROM parcours_certificate n WHERE n.number = ?)", newCertificate,
        newCertificate, previousCertificate, newCertificate);
  }

  private static final String CERTIFIED = "SELECT c.number, c.device_id, d.vendor_group, d.company_name, d.name,"
      + " d.version, c.referential, c.referential_version, c.withdrawn_at, c.dossier_id, c.process_instance_id,"
      + " c.replaced_by, c.replaced_at FROM parcours_certificate c JOIN parcours_device d ON d.id = c.device_id";

  private static final org.springframework.jdbc.core.RowMapper<CertifiedDevice> CERTIFIED_ROWS = (rs, i) ->
      new CertifiedDevice(rs.getString("number"), rs.getString("device_id"), rs.getString("vendor_group"),
          rs.getString("company_name"), rs.getString("name"), rs.getString("version"), rs.getString("referential"),
          rs.getString("referential_version"), rs.getTimestamp("withdrawn_at") != null, rs.getString("dossier_id"),
          rs.getString("process_instance_id"), rs.getString("replaced_by"), instant(rs, "replaced_at"));

  /** The devices of these vendor companies, with their certificates and registrations, by name and version. */
  public List<Device> ofCompanies(Collection<String> vendorGroups) {
    if (vendorGroups.isEmpty()) {
      return List.of();
    }
    return devices(" WHERE d.vendor_group IN (" + String.join(", ", vendorGroups.stream().map(g -> "?").toList())
        + ")", vendorGroups.toArray());
  }

  /** Every device of every company, for the reviewers. */
  public List<Device> all() {
    return devices("", new Object[0]);
  }

  private List<Device> devices(String where, Object[] args) {
    Map<String, Device> devices = new LinkedHashMap<>();
    jdbc.query("SELECT * FROM parcours_device d" + where + " ORDER BY d.company_name, d.name, d.version",
        (ResultSet rs) -> {
          devices.put(rs.getString("id"), new Device(rs.getString("id"), rs.getString("vendor_group"),
              rs.getString("company_name"), rs.getString("name"), rs.getString("version"), rs.getString("profiles"),
              rs.getString("basic_udi_di"), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }, args);
    jdbc.query("SELECT c.* FROM parcours_certificate c JOIN parcours_device d ON d.id = c.device_id" + where
        + " ORDER BY c.issued_at DESC", (ResultSet rs) -> {
          Device device = devices.get(rs.getString("device_id"));
          device.certificates().add(new Certificate(rs.getString("number"), rs.getString("referential"),
              rs.getString("referential_version"), instant(rs, "issued_at"), day(rs, "valid_until"),
              instant(rs, "withdrawn_at"), rs.getString("withdrawal_reason"), rs.getString("dossier_id"),
              rs.getString("pathway"), rs.getString("previous_certificate"), rs.getString("replaced_by"),
              instant(rs, "replaced_at")));
        }, args);
    jdbc.query("SELECT r.* FROM parcours_registration r JOIN parcours_device d ON d.id = r.device_id" + where
        + " ORDER BY r.starts_on DESC", (ResultSet rs) -> {
          Device device = devices.get(rs.getString("device_id"));
          device.registrations().add(new Registration(RegistrationKind.valueOf(rs.getString("kind")),
              rs.getString("reference"), day(rs, "starts_on"), day(rs, "ends_on"), rs.getString("dossier_id")));
        }, args);
    jdbc.query("SELECT f.* FROM parcours_certification_refusal f JOIN parcours_device d ON d.id = f.device_id" + where
        + " ORDER BY f.refused_at DESC, f.referential", (ResultSet rs) -> {
          devices.get(rs.getString("device_id")).refusals().add(new Refusal(rs.getString("referential"),
              rs.getString("reasons"), instant(rs, "refused_at"), rs.getString("dossier_id")));
        }, args);
    return List.copyOf(devices.values());
  }

  /**
   * The device's row, made when it has none. Two dossiers of the same device may reach their certificates at the same
   * moment (on one node or two): neither sees the other's uncommitted row, both insert, and the unique index
   * {@code parcours_device_once} makes the second wait for the first and fail. Its insert runs under a savepoint, so
   * that failure undoes only the insert, and the row the first committed is read and used.
   */
  private String deviceId(DeviceFacts device, Instant now) {
    Optional<String> found = existingDevice(device);
    if (found.isPresent()) {
      return found.get();
    }
    String id = UUID.randomUUID().toString();
    try {
      savepoint.executeWithoutResult(status -> jdbc.update("INSERT INTO parcours_device (id, vendor_group,"
          + " company_name, name, version, profiles, basic_udi_di, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id,
          device.vendorGroup(), blankToNull(device.companyName()), device.name(), device.version(),
          blankToNull(device.profiles()), blankToNull(device.basicUdiDi()), Timestamp.from(now)));
      return id;
    } catch (DuplicateKeyException insertedMeanwhile) {
      return existingDevice(device).orElseThrow(() -> insertedMeanwhile);
    }
  }

  /** The device's row if it has one, its facts completed with what this dossier knows. */
  private Optional<String> existingDevice(DeviceFacts device) {
    List<String> found = jdbc.queryForList("SELECT id FROM parcours_device WHERE vendor_group = ? AND name = ?"
        + " AND version = ?", String.class, device.vendorGroup(), device.name(), device.version());
    if (!found.isEmpty()) {
      jdbc.update("UPDATE parcours_device SET profiles = COALESCE(?, profiles), basic_udi_di = COALESCE(?, basic_udi_di),"
          + " company_name = COALESCE(?, company_name) WHERE id = ?", blankToNull(device.profiles()),
          blankToNull(device.basicUdiDi()), blankToNull(device.companyName()), found.get(0));
      return Optional.of(found.get(0));
    }
    return Optional.empty();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static LocalDate day(ResultSet rs, String column) throws SQLException {
    java.sql.Date value = rs.getDate(column);
    return value == null ? null : value.toLocalDate();
  }
}
