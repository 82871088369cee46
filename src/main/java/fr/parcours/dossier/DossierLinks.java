package fr.parcours.dossier;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The links between dossiers, in Parcours' own table {@code parcours_dossier_link} (migration V7): today a
 * transitional-phase dossier and the nominal candidature it continued into. Kept when the engine's history is cleaned
 * up, and written in the transaction that starts the nominal dossier, so that neither exists without the other.
 */
@Repository
public class DossierLinks {

  /** A transitional-phase dossier continued into a nominal candidature. */
  public static final String CONTINUED_INTO_NOMINAL = "CONTINUED_INTO_NOMINAL";

  /** One link, as kept. */
  public record Link(String fromDossierId, String toDossierId, String kind, String toProcessKey, Instant linkedAt,
      String linkedBy) {
  }

  private final JdbcTemplate jdbc;

  public DossierLinks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void continued(String fromDossierId, String toDossierId, String toProcessKey, String linkedBy) {
    jdbc.update("INSERT INTO parcours_dossier_link (id, from_dossier_id, to_dossier_id, kind, to_process_key,"
        + " linked_at, linked_by) VALUES (?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), fromDossierId,
        toDossierId, CONTINUED_INTO_NOMINAL, toProcessKey, Timestamp.from(ClockUtil.getCurrentTime().toInstant()),
        linkedBy);
  }

  /** The links from or to a dossier, oldest first. */
  public List<Link> of(String dossierId) {
    return jdbc.query("SELECT from_dossier_id, to_dossier_id, kind, to_process_key, linked_at, linked_by"
        + " FROM parcours_dossier_link WHERE from_dossier_id = ? OR to_dossier_id = ? ORDER BY linked_at, id",
        (rs, row) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant(), rs.getString(6)), dossierId, dossierId);
  }
}
