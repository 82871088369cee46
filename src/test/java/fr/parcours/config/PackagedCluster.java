package fr.parcours.config;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcours.support.TestMailServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the nodes of a test cluster share ({@link ClusterIT}, {@link ClusterBenchmark}): one PostgreSQL database
 * (embedded binaries, empty at the start), one SMTP server, one evidence folder and one documents folder, each on a free port or in the
 * test's folder; and the nodes started on them, stopped with everything else at the end.
 */
final class PackagedCluster implements AutoCloseable {

  final EmbeddedPostgres postgres;
  final DataSource database;
  final GreenMail smtp;
  final Path evidence;
  /** The documents drawn up for the dossiers, one folder for every node (notification.DocumentsStorageMark). */
  final Path documents;
  final List<PackagedNode> nodes = new ArrayList<>();
  private final Path folder;

  PackagedCluster(Path folder) throws IOException {
    this.folder = folder;
    postgres = EmbeddedPostgres.builder().start();
    database = postgres.getPostgresDatabase();
    smtp = TestMailServer.server(new ServerSetup(PackagedApplication.freePort(), "127.0.0.1", "smtp"));
    smtp.start();
    evidence = Files.createDirectories(folder.resolve("shared-evidence"));
    documents = Files.createDirectories(folder.resolve("shared-documents"));
  }

  /** Starts a node on the shared database, SMTP server and evidence folder, with more settings. */
  PackagedNode launch(String name, List<String> settings) throws IOException {
    return launch(name, evidence, settings);
  }

  /**
   * Starts a node on the shared database, SMTP server and documents folder, with that evidence folder and more
   * settings.
   */
  PackagedNode launch(String name, Path evidenceFolder, List<String> settings) throws IOException {
    PackagedNode node = new PackagedNode(name, folder);
    nodes.add(node);
    List<String> all = new ArrayList<>(List.of("--parcours.documents.storage=" + documents.toAbsolutePath()));
    all.addAll(settings);
    node.launch(postgres, evidenceFolder, smtp.getSmtp().getPort(), "768m", all);
    return node;
  }

  @Override
  public void close() throws IOException {
    for (PackagedNode node : nodes) {
      if (node.process != null) {
        node.process.destroyForcibly();
      }
    }
    smtp.stop();
    postgres.close();
  }
}
