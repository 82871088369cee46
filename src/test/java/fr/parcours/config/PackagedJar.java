package fr.parcours.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How the tests start the packaged application in child JVMs ({@link Crashes}, {@link ClusterIT},
 * {@link AheadOfTimeStartIT}): as Spring Boot advises for a quick start ("Efficient deployments"), the jar extracted
 * ({@code java -Djarmode=tools -jar … extract}) and a class-data archive, which the JVM writes at the end of one
 * training start and maps at every later start instead of loading and checking each class again. The training is
 * done once per build, by the first test JVM that needs it (the other one waits on a lock), in
 * {@code target/packaged/}. Measured here side by side on a quiet machine, a start took 9.3–11.3 s from the jar as
 * shipped, 8.0–8.2 s extracted, 5.9–6.4 s extracted with the archive; the training costs one start. CrashIT,
 * AheadOfTimeStartIT and ClusterIT took 37 + 50 + 51 s with it (the training included), 66 + 62 + 50 s without.
 * The extracted jar holds the same classes and resources as the shipped one; {@link AheadOfTimeStartIT}'s
 * ordinary start still runs the shipped jar itself. {@code -Dpackaged.cds=false} starts every child from the shipped jar.
 */
final class PackagedJar {

  static final Path TARGET = Path.of("target");
  static final Path FOLDER = TARGET.resolve("packaged");

  private static List<String> launch;

  private PackagedJar() {
  }

  /** The jar as {@code mvn package} made it. */
  static Path shipped() throws IOException {
    try (Stream<Path> files = Files.list(TARGET)) {
      return files.filter(f -> f.getFileName().toString().matches("parcours-.*\\.jar")).findFirst().orElseThrow(
          () -> new IllegalStateException("No packaged application in target/: the test runs after `mvn package`."))
          .toAbsolutePath();
    }
  }

  /** The JVM options and {@code -jar …} that start the package: extracted with its archive when it could be made. */
  static synchronized List<String> launch() throws IOException {
    if (launch == null) {
      launch = Boolean.parseBoolean(System.getProperty("packaged.cds", "true")) ? trained() : null;
      if (launch == null) {
        launch = List.of("-jar", shipped().toString());
      }
    }
    return launch;
  }

  /** The extracted jar and its archive, made now unless a test JVM of this build made them from this very jar. */
  private static List<String> trained() throws IOException {
    Path jar = shipped();
    String stamp = jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
    Files.createDirectories(FOLDER);
    Path extracted = FOLDER.resolve("app").resolve(jar.getFileName()).toAbsolutePath();
    Path archive = FOLDER.resolve("parcours.jsa").toAbsolutePath();
    Path made = FOLDER.resolve("made-from");
    try (FileChannel channel = FileChannel.open(FOLDER.resolve("lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
      if (!(Files.exists(made) && Files.readString(made).equals(stamp))) {
        Files.deleteIfExists(made);
        delete(FOLDER.resolve("app"));
        Files.deleteIfExists(archive);
        Path log = FOLDER.resolve("training.log");
        if (!run(log, List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
            FOLDER.resolve("app").toAbsolutePath().toString()))) {
          return null;
        }
        Path home = Files.createTempDirectory("parcours-cds-training-");
        try {
          List<String> training = new ArrayList<>(List.of(java(), "-Xmx512m"));
          training.addAll(testFlags());
          training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
              "-jar", extracted.toString(), "--spring.profiles.active=demo", "--server.port=0",
              "--parcours.demo.mailbox.enabled=false",
              "--spring.mail.port=" + PackagedApplication.freePort(),
              "--parcours.ans-windows=" + Path.of("src/test/resources/ans-windows-test.json").toUri()));
          if (!run(log, training, home) || !Files.exists(archive)) {
            return null;
          }
        } finally {
          delete(home);
        }
        Files.writeString(made, stamp);
      }
    }
    // the JVM says nothing of the archive it maps (nor, should it not match this JVM, that it starts without it)
    return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
        "-jar", extracted.toString());
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The test JVMs' flags (C1 only, serial collector: see the pom), which the children take too. */
  static List<String> testFlags() {
    return Arrays.stream(System.getProperty("test.jvm.flags", "").split("\\s+")).filter(f -> !f.isBlank()).toList();
  }

  private static boolean run(Path log, List<String> command) throws IOException {
    return run(log, command, TARGET.toFile().getAbsoluteFile().toPath());
  }

  /** Runs a command to its end (at most five minutes), its output appended to the log; true when it ended well. */
  private static boolean run(Path log, List<String> command, Path directory) throws IOException {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return false;
    }
    return process.exitValue() == 0;
  }

  private static void delete(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
