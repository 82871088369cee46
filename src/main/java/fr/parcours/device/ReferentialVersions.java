package fr.parcours.device;

import fr.parcours.deadline.LegalDates;
import fr.parcours.evidence.EvidenceCatalogue;
import fr.parcours.shared.BadInputException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The versions of a referential that the ANS reviewers publish (table {@code parcours_referential_version}, V5),
 * each with the day it applies from and whether it is opposable. Before any publication, the evidence catalogue's
 * first version is in force. A dossier answers the version of its window ({@link #forNewDossier}), and its
 * certificate names it.
 */
@Service
public class ReferentialVersions {

  /** A published version; {@code previousVersion} is the one it follows (the devices an opposable one re-certifies). */
  public record Version(String id, String referential, String version, String previousVersion, LocalDate appliesFrom,
      boolean opposable, int cyclesOpened, String publishedBy, Instant publishedAt) {
  }

  private final JdbcTemplate jdbc;
  private final EvidenceCatalogue catalogue;
  private final String initialVersion;

  ReferentialVersions(JdbcTemplate jdbc, EvidenceCatalogue catalogue) {
    this.jdbc = jdbc;
    this.catalogue = catalogue;
    this.initialVersion = catalogue.first().name();
  }

  /**
   * The version a dossier that applies on this day answers (the window it applies to): the last published that
   * applies by then and whose requirements the evidence catalogue describes; else the catalogue's first version. A
   * version not opposable that the catalogue does not describe changes no requirement: dossiers stay on the one
   * before it.
   */
  public String forNewDossier(String referential, LocalDate day) {
    List<String> found = jdbc.queryForList("SELECT version FROM parcours_referential_version WHERE referential = ?"
        + " AND applies_from <= ? ORDER BY applies_from DESC", String.class, referential, day);
    return found.stream().map(catalogue::version).flatMap(Optional::stream).findFirst()
        .orElse(catalogue.first()).name();
  }

  /**
   * The version a certificate of a dossier names: the one the dossier answers (its variable
   * {@code referentialVersion}, set when its ANS round starts), else, for a dossier started before dossiers named
   * theirs, the one a dossier applying on this day answers.
   */
  public String ofDossier(Object named, String referential, LocalDate day) {
    return named instanceof String version && !version.isBlank() ? version : forNewDossier(referential, day);
  }

  /** The last version published that applies by this day, whether described or not; else the catalogue's first. */
  public String inForce(String referential, LocalDate day) {
    List<String> found = jdbc.queryForList("SELECT version FROM parcours_referential_version WHERE referential = ?"
        + " AND applies_from <= ? ORDER BY applies_from DESC", String.class, referential, day);
    return found.isEmpty() ? initialVersion : found.get(0);
  }

  /**
   * The last opposable version published after the one a certificate attests and applying by this day: the
   * referential has changed since that certificate (a version not in the table is the catalogue's first, which every
   * published one follows). Empty when it has not changed, or changes only later.
   */
  public Optional<Version> opposableSince(String referential, String certifiedVersion, LocalDate day) {
    List<Version> published = published(referential);
    LocalDate certifiedFrom = published.stream().filter(v -> v.version().equals(certifiedVersion))
        .map(Version::appliesFrom).findFirst().orElse(LocalDate.MIN);
    return published.stream().filter(Version::opposable).filter(v -> v.appliesFrom().isAfter(certifiedFrom))
        .filter(v -> !v.appliesFrom().isAfter(day)).findFirst();
  }

  /** Every published version of the referential, the newest first. */
  public List<Version> published(String referential) {
    return jdbc.query("SELECT * FROM parcours_referential_version WHERE referential = ? ORDER BY applies_from DESC",
        (rs, i) -> new Version(rs.getString("id"), rs.getString("referential"), rs.getString("version"),
            rs.getString("previous_version"), rs.getDate("applies_from").toLocalDate(), rs.getBoolean("opposable"),
            rs.getInt("cycles_opened"), rs.getString("published_by"), rs.getTimestamp("published_at").toInstant()),
        referential);
  }

  /** The last version published (whatever day it applies from), else none. */
  public Optional<Version> latest(String referential) {
    return published(referential).stream().findFirst();
  }

  /**
   * Records a new version. Refused, nothing stored: no version name, a name longer than 64 characters, a version
   * already published, a day in the past, a day not after the one of the last version published, an opposable
   * version whose requirements the evidence catalogue does not describe.
   */
  public Version publish(String referential, String version, LocalDate appliesFrom, boolean opposable,
      String publishedBy, Instant now, LocalDate today) {
    String name = version == null ? "" : version.strip();
    if (name.isEmpty()) {
      throw new BadInputException("Version du référentiel : écrivez le nom de la nouvelle version (par exemple"
          + " « 2027 » ou « 1.5 »), telle que l’ANS la publie.");
    }
    if (name.length() > 64) {
      throw new BadInputException("Version du référentiel : « " + name.substring(0, 20) + "… » dépasse 64 caractères ;"
          + " écrivez le nom court de la version.");
    }
    if (appliesFrom == null) {
      throw new BadInputException("Date d’application : choisissez le jour à partir duquel la version " + name
          + " s’applique (aujourd’hui ou plus tard).");
    }
    Optional<Version> latest = latest(referential);
    if (name.equalsIgnoreCase(latest.map(Version::version).orElse(initialVersion))
        || published(referential).stream().anyMatch(v -> v.version().equalsIgnoreCase(name))) {
      throw alreadyPublished(name);
    }
    if (appliesFrom.isBefore(today)) {
      throw new BadInputException("Date d’application : le " + french(appliesFrom) + " est passé. Une nouvelle"
          + " version s’applique à partir d’aujourd’hui (" + french(today) + ") ou d’un jour à venir ; rien n’a été"
          + " enregistré.");
    }
    if (latest.isPresent() && !appliesFrom.isAfter(latest.get().appliesFrom())) {
      throw new BadInputException("Date d’application : la version en vigueur, « " + latest.get().version()
          + " », s’applique depuis le " + french(latest.get().appliesFrom()) + " ; la nouvelle version doit s’appliquer"
          + " après ce jour. Rien n’a été enregistré.");
    }
    String previous = latest.map(Version::version).orElse(initialVersion);
    if (opposable && catalogue.version(name).isEmpty()) {
      throw new BadInputException("La version « " + name + " » est opposable, mais le catalogue des preuves ne la"
          + " décrit pas : ses exigences sont celles que chaque dispositif re-certifié doit prouver. Ajoutez-les d’abord"
          + " à catalogue/evidence-catalogue.json (une version « " + name + " » qui dit ce qu’elle ajoute, remplace et"
          + " retire depuis la version « " + previous + " »), redémarrez Parcours, puis publiez-la. Versions décrites"
          + " aujourd’hui : " + String.join(", ", catalogue.versions().stream().map(EvidenceCatalogue.Version::name)
              .toList()) + ". Rien n’a été enregistré, aucun cycle n’a été ouvert.");
    }
    String id = UUID.randomUUID().toString();
    try {
      jdbc.update("INSERT INTO parcours_referential_version (id, referential, version, previous_version,"
          + " applies_from, opposable, cycles_opened, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
          id, referential, name, previous, appliesFrom, opposable, publishedBy, Timestamp.from(now));
    } catch (DuplicateKeyException publishedMeanwhile) {
      // another reviewer published the same version a moment before: the same answer as above
      throw alreadyPublished(name);
    }
    return new Version(id, referential, name, previous, appliesFrom, opposable, 0, publishedBy, now);
  }

  private static BadInputException alreadyPublished(String name) {
    return new BadInputException("La version « " + name + " » du référentiel est déjà publiée : rien n’a été"
        + " enregistré. Pour une nouvelle version, donnez-lui un autre nom.");
  }

  private static String french(LocalDate day) {
    return LegalDates.date(day, Locale.FRENCH);
  }

  /** How many re-certification cycles the publication opened. */
  public void cyclesOpened(String versionId, int count) {
    jdbc.update("UPDATE parcours_referential_version SET cycles_opened = ? WHERE id = ?", count, versionId);
  }
}
