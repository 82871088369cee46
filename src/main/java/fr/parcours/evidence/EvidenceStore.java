package fr.parcours.evidence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The proofs received, one row per file, and the sends, one row per accepted archive, in two tables of the
 * application's database (Flyway migration V5, {@code db/migration}).
 * The files themselves are on disk under {@code parcours.evidence.storage}.
 */
@Repository
public class EvidenceStore {

  /** One proof file as kept. */
  public record StoredProof(String id, String processInstanceId, int sendNumber, String entryName, String proofNumber,
      String sha256, long size, String storedFile, String invalidReason, String invalidatedBy) {

    public boolean invalid() {
      return invalidReason != null;
    }
  }

  /** One accepted archive. */
  record Send(int sendNumber, String archiveName, Instant sentAt, String sentBy) {
  }

  private final JdbcTemplate jdbc;

  EvidenceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Send> sends(String processInstanceId) {
    return jdbc.query("select send_number, archive_name, sent_at, sent_by from parcours_evidence_send"
        + " where process_instance_id = ? order by send_number",
        (rs, i) -> new Send(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)),
        processInstanceId);
  }

  List<StoredProof> proofs(String processInstanceId) {
    return jdbc.query("select id, process_instance_id, send_number, entry_name, proof_number, sha256, size_bytes,"
        + " stored_file, invalid_reason, invalidated_by from parcours_evidence_proof"
        + " where process_instance_id = ? order by send_number, entry_name",
        (rs, i) -> new StoredProof(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10)),
        processInstanceId);
  }

  void addSend(String processInstanceId, Send send) {
    jdbc.update("insert into parcours_evidence_send (process_instance_id, send_number, archive_name, sent_at,"
        + " sent_by) values (?, ?, ?, ?, ?)", processInstanceId, send.sendNumber(), send.archiveName(),
        Timestamp.from(send.sentAt()), send.sentBy());
  }

  void addProof(StoredProof proof) {
    jdbc.update("insert into parcours_evidence_proof (id, process_instance_id, send_number, entry_name,"
        + " proof_number, sha256, size_bytes, stored_file) values (?, ?, ?, ?, ?, ?, ?, ?)", proof.id(),
        proof.processInstanceId(), proof.sendNumber(), proof.entryName(), proof.proofNumber(), proof.sha256(),
        proof.size(), proof.storedFile());
  }

  /** Every kept proof's file, relative to the storage folder. */
  Set<String> storedFiles() {
    return new HashSet<>(jdbc.queryForList("select stored_file from parcours_evidence_proof", String.class));
  }

  void invalidate(String proofId, String reason, String by, Instant at) {
    jdbc.update("update parcours_evidence_proof set invalid_reason = ?, invalidated_by = ?, invalidated_at = ?"
        + " where id = ?", reason, by, Timestamp.from(at), proofId);
  }
}
