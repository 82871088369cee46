package fr.parcours.device;

import fr.parcours.shared.BadInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each vendor company's devices, their certificates of conformity and their registrations (tables of
 * {@code db/migration/V2__devices_certificates_registrations.sql}). The pathways write here when a certificate or
 * a registration is granted, in the engine's transaction: a step rolled back writes nothing, and a step retried
 * finds its row already there (a certificate by its number, a registration by its dossier, kind and first day).
 * Nothing here depends on the engine's history: the rows outlive the dossiers that produced them.
 */
@Service
public class DeviceRecords {

  /** The referential the ANS certifies against (seed 003: "Référentiel d'interopérabilité et de sécurité"). */
  public static final String ANS_REFERENTIAL = "Référentiel d’interopérabilité et de sécurité des DMN";

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
      LocalDate validUntil, Instant withdrawnAt, String withdrawalReason, String dossierId, String pathway) {
    public boolean withdrawn() {
      return withdrawnAt != null;
    }
  }

  public record Registration(RegistrationKind kind, String reference, LocalDate startsOn, LocalDate endsOn,
      String dossierId) {
  }

  public record Device(String id, String vendorGroup, String companyName, String name, String version,
      String profiles, String basicUdiDi, List<Certificate> certificates, List<Registration> registrations) {
  }

  private final JdbcTemplate jdbc;

  DeviceRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
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
    String deviceId = deviceId(device, issuedAt);
    jdbc.update("INSERT INTO parcours_certificate (id, device_id, number, referential, referential_version, issued_at,"
        + " valid_until, dossier_id, process_instance_id, pathway, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        UUID.randomUUID().toString(), deviceId, number, referential, referentialVersion, Timestamp.from(issuedAt),
        validUntil, dossierId, processInstanceId, pathway, Timestamp.from(issuedAt));
  }

  /** Records a registration of the device; a second call for the same dossier, kind and first day changes nothing. */
  public void registered(DeviceFacts device, RegistrationKind kind, String reference, LocalDate startsOn,
      LocalDate endsOn, String dossierId, String processInstanceId, Instant now) {
    Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM parcours_registration WHERE process_instance_id = ?"
        + " AND kind = ? AND starts_on = ?", Integer.class, processInstanceId, kind.name(), startsOn);
    if (known != null && known > 0) {
      return;
    }
    String deviceId = deviceId(device, now);
    jdbc.update("INSERT INTO parcours_registration (id, device_id, kind, reference, starts_on, ends_on, dossier_id,"
        + " process_instance_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(),
        deviceId, kind.name(), reference, startsOn, endsOn, dossierId, processInstanceId, Timestamp.from(now));
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

  /** A certificate as an audit reads it: the device it certifies, whose company, and whether it is still in force. */
  public record CertifiedDevice(String certificateNumber, String vendorGroup, String companyName, String deviceName,
      String deviceVersion, String referential, String referentialVersion, String dossierId, Instant withdrawnAt) {
    public boolean inForce() {
      return withdrawnAt == null;
    }
  }

  /** The certificate with this number and its device; empty when no certificate carries it. */
  public java.util.Optional<CertifiedDevice> certificate(String number) {
    if (number == null || number.isBlank()) {
      return java.util.Optional.empty();
    }
    return jdbc.query("SELECT c.number, c.referential, c.referential_version, c.dossier_id, c.withdrawn_at,"
        + " d.vendor_group, d.company_name, d.name, d.version FROM parcours_certificate c"
        + " JOIN parcours_device d ON d.id = c.device_id WHERE c.number = ?",
        (rs, row) -> new CertifiedDevice(rs.getString("number"), rs.getString("vendor_group"),
            rs.getString("company_name"), rs.getString("name"), rs.getString("version"), rs.getString("referential"),
            rs.getString("referential_version"), rs.getString("dossier_id"), instant(rs, "withdrawn_at")),
        number.trim()).stream().findFirst();
  }

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
              rs.getString("basic_udi_di"), new ArrayList<>(), new ArrayList<>()));
        }, args);
    jdbc.query("SELECT c.* FROM parcours_certificate c JOIN parcours_device d ON d.id = c.device_id" + where
        + " ORDER BY c.issued_at DESC", (ResultSet rs) -> {
          Device device = devices.get(rs.getString("device_id"));
          device.certificates().add(new Certificate(rs.getString("number"), rs.getString("referential"),
              rs.getString("referential_version"), instant(rs, "issued_at"), day(rs, "valid_until"),
              instant(rs, "withdrawn_at"), rs.getString("withdrawal_reason"), rs.getString("dossier_id"),
              rs.getString("pathway")));
        }, args);
    jdbc.query("SELECT r.* FROM parcours_registration r JOIN parcours_device d ON d.id = r.device_id" + where
        + " ORDER BY r.starts_on DESC", (ResultSet rs) -> {
          Device device = devices.get(rs.getString("device_id"));
          device.registrations().add(new Registration(RegistrationKind.valueOf(rs.getString("kind")),
              rs.getString("reference"), day(rs, "starts_on"), day(rs, "ends_on"), rs.getString("dossier_id")));
        }, args);
    return List.copyOf(devices.values());
  }

  private String deviceId(DeviceFacts device, Instant now) {
    List<String> found = jdbc.queryForList("SELECT id FROM parcours_device WHERE vendor_group = ? AND name = ?"
        + " AND version = ?", String.class, device.vendorGroup(), device.name(), device.version());
    if (!found.isEmpty()) {
      jdbc.update("UPDATE parcours_device SET profiles = COALESCE(?, profiles), basic_udi_di = COALESCE(?, basic_udi_di),"
          + " company_name = COALESCE(?, company_name) WHERE id = ?", blankToNull(device.profiles()),
          blankToNull(device.basicUdiDi()), blankToNull(device.companyName()), found.get(0));
      return found.get(0);
    }
    String id = UUID.randomUUID().toString();
    jdbc.update("INSERT INTO parcours_device (id, vendor_group, company_name, name, version, profiles, basic_udi_di,"
        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, device.vendorGroup(), blankToNull(device.companyName()),
        device.name(), device.version(), blankToNull(device.profiles()), blankToNull(device.basicUdiDi()),
        Timestamp.from(now));
    return id;
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
