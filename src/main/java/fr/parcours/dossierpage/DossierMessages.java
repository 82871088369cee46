package fr.parcours.dossierpage;

import fr.parcours.evidence.UploadedFiles;
import fr.parcours.notification.Language;
import fr.parcours.notification.PublicLinks;
import fr.parcours.security.ReviewerGroups;
import fr.parcours.security.Roles;
import fr.parcours.shared.BadInputException;
import fr.parcours.shared.Pathway;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messages of a dossier between its vendor and the agencies that instruct it (table {@code parcours_message}):
 * the vendor writes to one of them (the ANS, the HAS desk, the CNEDiMTS, the ministers: the groups the dossier's
 * pathway and tracks register as instructing it), an agency's reviewer writes to the vendor. A message is kept
 * first, then the other side is told by mail, with a link to the dossier's page and never the message's text: a
 * mail server that is down loses nothing (the page shows the message, and that its mail failed).
 *
 * <p>Who may read and write is decided by the caller from the dossier as the engine shows it to the person
 * ({@link DossierBoard#read}): a vendor reads its dossier's whole thread, a reviewer the messages of its
 * agency, a process owner every message.
 */
@Service
public class DossierMessages {

  private static final Logger LOG = LoggerFactory.getLogger(DossierMessages.class);

  /** The longest message, in characters. */
  public static final int MAX_LENGTH = 4000;
  /** The suffix of an attachment's file under the evidence storage ({@link MessageAttachmentFiles}). */
  static final String ATTACHMENT = ".attachment";
  /** The folder under the evidence storage holding one folder per message with attachments, named by its id. */
  static final String MESSAGES_FOLDER = "messages";
  /** The most files joined to one message. */
  public static final int MAX_FILES = 5;
  static final List<String> VENDOR_ADDRESSES = List.of("contactEmail", "legalRepEmail");

  private final ReviewerGroups reviewers;
  private final JdbcTemplate jdbc;
  private final JavaMailSender mail;
  private final HistoryService history;
  private final IdentityService identity;
  private final List<Pathway> pathways;
  private final PublicLinks links;
  private final MessageSource words;
  private final String from;
  private final UploadedFiles files;
  private final TransactionTemplate transaction;

  DossierMessages(JdbcTemplate jdbc, JavaMailSender mail, ProcessEngine engine, List<Pathway> pathways,
      PublicLinks links, MessageSource words,
      @Value("${parcours.mail.from:Parcours <no-reply@parcours.example>}") String from, UploadedFiles files,
      PlatformTransactionManager transactions, ReviewerGroups reviewers) {
    this.reviewers = reviewers;
    this.jdbc = jdbc;
    this.files = files;
    this.transaction = new TransactionTemplate(transactions);
    this.mail = mail;
    this.history = engine.getHistoryService();
    this.identity = engine.getIdentityService();
    this.pathways = pathways;
    this.links = links;
    this.words = words;
    this.from = from;
  }

  /**
   * One message as the page shows it.
   *
   * @param agency the reviewer group of the agency the message is to or from
   * @param agencyName the agency's name
   * @param fromVendor whether the vendor wrote it
   * @param author who wrote it: the user, or the agency's name when a vendor reads a reviewer's message
   * @param mailed whether the other side's mail went out; false while it has not, or when it failed
   * @param mailError why the mail failed; null when it did not
   */
  public record Message(String id, String agency, String agencyName, boolean fromVendor, String author,
      String body, Instant createdAt, boolean mailed, String mailError, boolean awaitingAnswer,
      List<Attachment> attachments) {
  }

  /** A file joined to a message, as kept: its content is under the evidence storage, never in a mail. */
  public record Attachment(String id, String messageId, String fileName, String type, String sha256, long size,
      String storedFile) {

    /** The size as a person reads it: "12 Ko", "1,4 Mo". */
    public String shownSize() {
      return size < 1024 * 1024 ? Math.max(1, Math.round(size / 1024.0)) + " Ko"
          : String.format(Locale.FRENCH, "%.1f Mo", size / (1024.0 * 1024));
    }
  }

  /** A file as the browser sent it with the message. */
  public record Upload(String fileName, byte[] content) {
  }

  /**
   * The agencies, by dossier number, that wait for the vendor's answer to one of their messages (marked so, and
   * no message of the vendor to that agency since), among the dossiers listed; for a reviewer, its own agencies'
   * only. The list's "awaiting an answer" reads it.
   */
  public Map<String, List<String>> awaitingAnswer(Viewer viewer, List<DossierSummary> dossiers) {
    Map<String, List<String>> awaiting = new LinkedHashMap<>();
    Set<String> numbers = new LinkedHashSet<>(dossiers.stream().map(DossierSummary::number).toList());
    if (numbers.isEmpty()) {
      return awaiting;
    }
    Map<String, Map<String, Boolean>> last = new LinkedHashMap<>();
    jdbc.query("SELECT dossier_id, agency, from_vendor, awaiting_answer FROM parcours_message ORDER BY created_at, id",
        rs -> {
          if (numbers.contains(rs.getString("dossier_id"))) {
            last.computeIfAbsent(rs.getString("dossier_id"), k -> new LinkedHashMap<>()).put(rs.getString("agency"),
                !rs.getBoolean("from_vendor") && rs.getBoolean("awaiting_answer"));
          }
        });
    boolean all = viewer.vendor() || Roles.isRepairer(viewer.groupIds());
    last.forEach((number, byAgency) -> byAgency.forEach((agency, waits) -> {
      if (waits && (all || viewer.groupIds().contains(agency))) {
        awaiting.computeIfAbsent(number, k -> new ArrayList<>()).add(agencyName(agency, viewer.locale()));
      }
    }));
    return awaiting;
  }

  /** The agencies a vendor may write to about the dossier, by group id, with their names. */
  public Map<String, String> agenciesOf(DossierSummary dossier) {
    Set<String> keys = new LinkedHashSet<>();
    dossier.tracks().forEach(track -> keys.add(track.processKey()));
    Map<String, String> agencies = new LinkedHashMap<>();
    for (Pathway pathway : pathways) {
      if (keys.contains(pathway.processKey())) {
        for (String group : pathway.instructingGroups()) {
          reviewers.find(group)
              .ifPresent(r -> agencies.putIfAbsent(r.groupId(), r.name()));
        }
      }
    }
    return agencies;
  }

  /** The agency a reviewer writes for about the dossier: its group that instructs a part of it; null if none. */
  public String agencyOf(Viewer viewer, DossierSummary dossier) {
    Map<String, String> agencies = agenciesOf(dossier);
    return viewer.groupIds().stream().filter(agencies::containsKey).findFirst().orElse(null);
  }

  /** The messages of the dossier the person may read, oldest first. */
  public List<Message> thread(Viewer viewer, DossierSummary dossier) {
    Map<String, List<Attachment>> attached = new LinkedHashMap<>();
    jdbc.query("SELECT a.* FROM parcours_message_attachment a JOIN parcours_message m ON m.id = a.message_id"
        + " WHERE m.dossier_id = ? ORDER BY a.file_name, a.id", rs -> {
          attached.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>()).add(new Attachment(
              rs.getString("id"), rs.getString("message_id"), rs.getString("file_name"), rs.getString("content_type"),
              rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("stored_file")));
        }, dossier.number());
    List<Message> all = jdbc.query("SELECT * FROM parcours_message WHERE dossier_id = ? ORDER BY created_at, id",
        (rs, row) -> row(rs, viewer, attached), dossier.number());
    if (viewer.vendor() || Roles.isRepairer(viewer.groupIds())) {
      return all;
    }
    return all.stream().filter(m -> viewer.groupIds().contains(m.agency())).toList();
  }

  /** Keeps the person's message without files, then mails the other side; see {@link #post(Viewer, DossierSummary,
   * String, String, boolean, List)}. */
  public Message post(Viewer viewer, DossierSummary dossier, String agency, String text, boolean awaitingAnswer) {
    return post(viewer, dossier, agency, text, awaitingAnswer, List.of(), null);
  }

  /**
   * Keeps the person's message and its files, then mails the other side. The dossier is the one the engine shows
   * them.
   *
   * @param agency for a vendor, the agency it writes to (a group id of {@link #agenciesOf}); ignored for a
   *     reviewer, who writes for its own
   * @param awaitingAnswer for a reviewer, that the message asks the vendor for an answer; ignored for a vendor
   * @param uploads the files joined to it, checked as the evidence files sent alone are ({@link UploadedFiles})
   * @param submission the key of the form it was written in (a new one in each form the page shows), or null: a
   *     second post of the same form by the same person (a double click, a browser sending it again, two tabs) keeps
   *     nothing more and mails nobody, and answers the message the first kept
   * @throws BadInputException when the dossier is closed, the text empty or too long, the agency not one of the
   *     dossier's, the person neither its vendor nor an agency that instructs it, or a file empty, too large, not
   *     a PDF, PNG or JPEG by its content, or one too many; nothing is kept then, neither the message nor a file
   */
  public Message post(Viewer viewer, DossierSummary dossier, String agency, String text, boolean awaitingAnswer,
      List<Upload> uploads, String submission) {
    Locale locale = viewer.locale();
    String body = text == null ? "" : text.strip();
    if (!dossier.open()) {
      throw new BadInputException(word(locale, "messages.refused.closed", dossier.number()));
    }
    if (body.isEmpty()) {
      throw new BadInputException(word(locale, "messages.refused.empty"));
    }
    if (body.length() > MAX_LENGTH) {
      throw new BadInputException(word(locale, "messages.refused.long", MAX_LENGTH, body.length()));
    }
    String to;
    if (viewer.vendor()) {
      to = agency == null ? "" : agency;
      if (!agenciesOf(dossier).containsKey(to)) {
        throw new BadInputException(word(locale, "messages.refused.agency", String.join(", ",
            agenciesOf(dossier).values())));
      }
    } else {
      to = agencyOf(viewer, dossier);
      if (to == null) {
        throw new BadInputException(word(locale, "messages.refused.who"));
      }
    }
    List<Attachment> attachments = check(uploads, locale);
    String id = UUID.randomUUID().toString();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<String> written = new ArrayList<>();
    try {
      for (int i = 0; i < attachments.size(); i++) {
        Attachment a = attachments.get(i);
        written.add(files.keep(MESSAGES_FOLDER + "/" + id, a.id(), ATTACHMENT, uploads.get(i).content()));
      }
      transaction.executeWithoutResult(status -> {
        jdbc.update("INSERT INTO parcours_message (id, dossier_id, agency, from_vendor, author, body, awaiting_answer,"
            + " created_at, submission) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, dossier.number(), to,
            viewer.vendor(), viewer.userId(), body, !viewer.vendor() && awaitingAnswer, Timestamp.from(now),
            submission);
        for (int i = 0; i < attachments.size(); i++) {
          Attachment a = attachments.get(i);
          jdbc.update("INSERT INTO parcours_message_attachment (id, message_id, file_name, content_type, sha256,"
              + " size_bytes, stored_file) VALUES (?, ?, ?, ?, ?, ?, ?)", a.id(), id, a.fileName(), a.type(),
              a.sha256(), a.size(), written.get(i));
        }
      });
    } catch (DuplicateKeyException postedAgain) {
      // the same form, kept by its first post (which waited on the index until it committed): that one is mailed
      written.forEach(files::forget);
      String first = jdbc.queryForObject("SELECT id FROM parcours_message WHERE author = ? AND submission = ?",
          String.class, viewer.userId(), submission);
      return thread(viewer, dossier).stream().filter(m -> m.id().equals(first)).findFirst().orElseThrow();
    } catch (RuntimeException e) {
      written.forEach(files::forget);
      throw e;
    }
    announce(id, dossier.number(), dossier.company(), to, viewer.vendor(), attachments.size());
    return thread(viewer, dossier).stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  /** The files as they will be kept, or the sentence that refuses the first bad one (nothing is written yet). */
  private List<Attachment> check(List<Upload> uploads, Locale locale) {
    if (uploads.size() > MAX_FILES) {
      throw new BadInputException(word(locale, "messages.refused.files", MAX_FILES, uploads.size()));
    }
    List<Attachment> checked = new ArrayList<>();
    for (Upload upload : uploads) {
      String name = UploadedFiles.baseName(upload.fileName());
      byte[] content = upload.content() == null ? new byte[0] : upload.content();
      if (content.length == 0) {
        throw new BadInputException(word(locale, "messages.refused.fileEmpty", name));
      }
      if (UploadedFiles.tooLarge(content.length)) {
        throw new BadInputException(word(locale, "messages.refused.fileLarge", name, UploadedFiles.MAX_MEGABYTES));
      }
      String type = UploadedFiles.typeOf(content);
      if (type == null) {
        throw new BadInputException(word(locale, "messages.refused.fileType", name));
      }
      // the name must say what the content is: a page named .pdf that is an image, or a PDF named .exe, is
      // disguised, and would be saved by the reader's browser under a name that lies
      String extension = UploadedFiles.extension(name);
      if (!UploadedFiles.namedAsItIs(name, type)) {
        throw new BadInputException(word(locale, "messages.refused.fileName", name,
            UploadedFiles.extensionsOf(type).get(0)));
      }
      String shown = name.length() > 200 ? "piece-jointe" + extension : name;
      checked.add(new Attachment(UUID.randomUUID().toString(), null, shown, type, UploadedFiles.sha256(content),
          content.length, null));
    }
    return checked;
  }

  /** The file of an attachment of a message the person may read, with its kept row; empty otherwise. */
  public Optional<Attachment> attachment(Viewer viewer, DossierSummary dossier, String messageId,
      String attachmentId) {
    return thread(viewer, dossier).stream().filter(m -> m.id().equals(messageId))
        .flatMap(m -> m.attachments().stream()).filter(a -> a.id().equals(attachmentId)).findFirst();
  }

  /** The content of a kept attachment. */
  public byte[] content(Attachment attachment) {
    try {
      return Files.readAllBytes(files.file(attachment.storedFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Mails the other side of each message kept before {@code keptBefore} whose mail neither left nor failed: the node
   * that kept it stopped (a crash, a kill) between keeping it and mailing, and nobody would ever be told of it, nor
   * the writer that nobody was. Each goes with the Message-ID it had (one per message): should the node have stopped
   * after the server took the mail and before it was marked sent, the copy is recognisable as the same mail.
   *
   * @return how many were mailed (or failed, and shown so on the page)
   */
  public int announceUnannounced(Instant keptBefore) {
    List<Object[]> waiting = jdbc.query("SELECT m.id, m.dossier_id, m.agency, m.from_vendor, (SELECT COUNT(*) FROM"
        + " parcours_message_attachment a WHERE a.message_id = m.id) attached FROM parcours_message m WHERE"
        + " m.mailed_at IS NULL AND m.mail_error IS NULL AND m.created_at < ? ORDER BY m.created_at",
        (rs, i) -> new Object[] {rs.getString("id"), rs.getString("dossier_id"), rs.getString("agency"),
            rs.getBoolean("from_vendor"), rs.getInt("attached")}, Timestamp.from(keptBefore));
    int mailed = 0;
    for (Object[] message : waiting) {
      // taken by one node only (two nodes of a cluster started together both find it): the others leave it
      if (jdbc.update("UPDATE parcours_message SET mail_error = ? WHERE id = ? AND mailed_at IS NULL AND mail_error"
          + " IS NULL", "mailing again after a stop", message[0]) == 0) {
        continue;
      }
      mailed++;
      String number = (String) message[1];
      String company = vendorVariables(number, List.of("companyName")).stream().map(v -> String.valueOf(v.getValue()))
          .findFirst().orElse(number);
      LOG.info("Message {} of dossier {} was kept but not mailed before a stop: mailing it now", message[0], number);
      announce((String) message[0], number, company, (String) message[2], (Boolean) message[3], (Integer) message[4]);
    }
    return mailed;
  }

  /** Mails the other side that a message waits on the dossier's page; a failure is kept with the message. */
  private void announce(String id, String number, String company, String agency, boolean fromVendor, int attached) {
    String agencyName = agencyName(agency, Locale.FRENCH);
    try {
      Language language = fromVendor ? Language.FR : vendorLanguage(number);
      List<String> recipients = fromVendor ? agencyAddresses(agency) : vendorAddresses(number);
      if (recipients.isEmpty()) {
        throw new IllegalStateException(fromVendor ? "aucun membre du groupe " + agency + " n’a d’adresse"
            + " électronique : donnez-en une à l’un d’eux dans Admin (Utilisateurs) ; le message reste sur la page du"
            + " dossier" : "le dossier ne donne aucune adresse de contact (" + String.join(", ", VENDOR_ADDRESSES)
            + ") : donnez-en une dans le dossier ; le message reste sur la page du dossier");
      }
      Locale locale = language.locale();
      String sender = fromVendor ? company : agencyName;
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(from);
      helper.setTo(recipients.toArray(String[]::new));
      helper.setSubject(word(locale, "messages.mail.subject", number, sender));
      helper.setText(word(locale, "messages.mail.text", number, sender, links.dossier(number) + "#messages",
          attached));
      // one per message, kept by Spring: a copy mailed again after a stop is recognisable as the same mail
      message.setHeader("Message-ID", messageId(id));
      mail.send(message);
      jdbc.update("UPDATE parcours_message SET mailed_at = ?, mail_error = NULL WHERE id = ?",
          Timestamp.from(ClockUtil.getCurrentTime().toInstant()), id);
    } catch (MailException | MessagingException | IllegalStateException e) {
      LOG.warn("Le message {} du dossier {} est gardé, mais son courriel d’avertissement n’est pas parti : {}", id,
          number, e.getMessage());
      String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      jdbc.update("UPDATE parcours_message SET mail_error = ? WHERE id = ?",
          error.length() > 2000 ? error.substring(0, 2000) : error, id);
    }
  }

  /** The Message-ID of a message's mail: derived from the message, so every attempt carries it. */
  String messageId(String id) {
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "")
        : "parcours";
    return "<" + id + ".message.parcours@" + domain + ">";
  }

  private List<String> agencyAddresses(String agency) {
    return identity.createUserQuery().memberOfGroup(agency).unlimitedList().stream().map(u -> u.getEmail())
        .filter(e -> e != null && !e.isBlank()).distinct().toList();
  }

  /** The dossier's contact and legal representative, as its candidature gives them (the engine's own reading). */
  private List<String> vendorAddresses(String number) {
    List<String> addresses = new ArrayList<>();
    for (HistoricVariableInstance variable : vendorVariables(number, VENDOR_ADDRESSES)) {
      if (variable.getValue() instanceof String address && !address.isBlank() && !addresses.contains(address)) {
        addresses.add(address);
      }
    }
    return addresses;
  }

  private Language vendorLanguage(String number) {
    return vendorVariables(number, List.of(Language.VARIABLE)).stream().map(v -> Language.of(v.getValue()))
        .findFirst().orElse(Language.FR);
  }

  /** Read with no person on the thread: the engine's own reading, for the mail it sends on the writer's behalf. */
  private List<HistoricVariableInstance> vendorVariables(String number, List<String> names) {
    String root = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number)
        .rootProcessInstances().listPage(0, 1).stream().map(i -> i.getId()).findFirst().orElse(null);
    return root == null ? List.of() : history.createHistoricVariableInstanceQuery().processInstanceId(root)
        .variableNameIn(names.toArray(String[]::new)).listPage(0, 20);
  }

  /** The agency's short name, "ANS", for its group's id. */
  String agencyName(String agency, Locale locale) {
    return reviewers.find(agency).map(Roles.Reviewer::shortName).orElse(agency);
  }

  private Message row(ResultSet rs, Viewer viewer, Map<String, List<Attachment>> attached) throws SQLException {
    boolean fromVendor = rs.getBoolean("from_vendor");
    String agency = rs.getString("agency");
    String author = rs.getString("author");
    // a vendor reads the agency that wrote, never the reviewer's name
    String shownAuthor = !fromVendor && viewer.vendor() ? agencyName(agency, viewer.locale()) : author;
    Timestamp mailed = rs.getTimestamp("mailed_at");
    return new Message(rs.getString("id"), agency, agencyName(agency, viewer.locale()), fromVendor, shownAuthor,
        rs.getString("body"), rs.getTimestamp("created_at").toInstant(), mailed != null, rs.getString("mail_error"),
        rs.getBoolean("awaiting_answer"), attached.getOrDefault(rs.getString("id"), List.of()));
  }

  private String word(Locale locale, String key, Object... args) {
    return words.getMessage(key, args, locale);
  }
}
