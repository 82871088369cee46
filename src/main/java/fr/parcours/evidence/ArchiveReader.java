package fr.parcours.evidence;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.HashSet;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads an evidence archive as a stream, once, into a temporary folder, refusing it at the first problem:
 * not a ZIP, encrypted, damaged, empty, an entry path that leaves the folder, too many entries, too large
 * or too compressed once inflated (sizes are counted while reading, never taken from the headers), an
 * archive inside the archive, an entry not named after a proof. Entry names are only ever checked and
 * recorded: no file is created under a name taken from the archive.
 */
final class ArchiveReader {

  /** A proof file: the proof number with spaces as underscores, then any extension ({@code INS_2.1.1.jpeg}). */
  static final Pattern PROOF_FILE = Pattern.compile("([A-Za-z]+)_([0-9]+(?:\\.[0-9]+)+)\\.([A-Za-z0-9]{1,10})");

  /** Extensions of archives, refused inside an archive. */
  static final Set<String> ARCHIVE_EXTENSIONS = Set.of("zip", "zipx", "jar", "war", "ear", "apk", "7z", "rar",
      "tar", "gz", "tgz", "bz2", "tbz", "xz", "txz", "zst", "lz", "lzma", "z", "cab", "iso", "arj");
  /** Documents that are ZIP containers by design: accepted as proofs, never opened by Parcours. */
  static final Set<String> ZIP_BASED_DOCUMENTS = Set.of("docx", "xlsx", "pptx", "odt", "ods", "odp");

  /** What one proof file of an accepted archive became. */
  record ReadEntry(String entryName, String proofNumber, Path tempFile, String sha256, long size) {
  }

  private final EvidenceProperties limits;

  ArchiveReader(EvidenceProperties limits) {
    this.limits = limits;
  }

  /**
   * @param archiveName the uploaded file's name, for the messages
   * @param workFolder an empty folder for this archive alone; the caller deletes it on refusal
   */
  List<ReadEntry> read(String archiveName, InputStream upload, Path workFolder) {
    // kept whole first: the entries are read in order from their local headers, then checked against the
    // archive's table of contents (its central directory), which a stream alone never reads
    Path archive = workFolder.resolve("archive.zip");
    try {
      Files.copy(upload, archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> names = new ArrayList<>();
    List<ReadEntry> entries;
    try (InputStream in = Files.newInputStream(archive)) {
      entries = readEntries(archiveName, in, workFolder, names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checkTableOfContents(archiveName, archive, names);
    return entries;
  }

  /** The archive's central directory is whole and lists exactly the entries read from it, once each. */
  private static void checkTableOfContents(String archiveName, Path archive, List<String> read) {
    List<String> listed = new ArrayList<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      zip.stream().forEach(entry -> listed.add(entry.getName()));
    } catch (IOException e) {
      throw refused(archiveName, "est endommagée : sa table des matières (le répertoire central du ZIP) manque ou"
          + " est tronquée, des fichiers peuvent donc en manquer : recréez l’archive et renvoyez-la.");
    }
    if (listed.size() != read.size() || !new HashSet<>(listed).equals(new HashSet<>(read))) {
      throw refused(archiveName, "est endommagée : sa table des matières annonce " + listed.size() + " entrées mais"
          + " elle en contient " + read.size() + " : recréez l’archive et renvoyez-la.");
    }
  }

  private List<ReadEntry> readEntries(String archiveName, InputStream upload, Path workFolder, List<String> names) {
    CountingInputStream raw = new CountingInputStream(new BufferedInputStream(upload));
    checkSignature(archiveName, raw);
    Set<String> seen = new HashSet<>();
    List<ReadEntry> entries = new ArrayList<>();
    long total = 0;
    int count = 0;
    String current = null;
    try (ZipInputStream zip = new ZipInputStream(raw)) {
      ZipEntry entry;
      while ((entry = nextEntry(zip, archiveName)) != null) {
        current = entry.getName();
        count++;
        if (count > limits.maxEntries()) {
          throw refused(archiveName, "contient plus de " + limits.maxEntries()
              + " entrées : répartissez les preuves sur plusieurs envois.");
        }
        String name = entry.getName();
        checkPath(archiveName, name);
        names.add(name);
        if (!seen.add(name.replace('\\', '/'))) {
          throw refused(archiveName, "contient deux entrées nommées « " + name + " » : un ZIP liste chaque fichier une"
              + " fois, et l’une d’elles serait perdue. Recréez l’archive et renvoyez-la.");
        }
        String fileName = name.substring(name.replace('\\', '/').lastIndexOf('/') + 1);
        boolean skipped = entry.isDirectory() || name.startsWith("__MACOSX/") || ".DS_Store".equals(fileName);
        Matcher proof = PROOF_FILE.matcher(fileName);
        String extension = null;
        if (!skipped) {
          if (!proof.matches()) {
            throw refused(archiveName, "contient une entrée nommée « " + name + " », hors de la règle de nommage :"
                + " nommez chaque preuve d’après son numéro, espaces remplacées par des tirets bas, avec"
                + " n’importe quelle extension, comme INS_2.1.1.jpeg pour la preuve INS 2.1.1.");
          }
          extension = proof.group(3).toLowerCase(Locale.ROOT);
          if (ARCHIVE_EXTENSIONS.contains(extension)) {
            throw nested(archiveName, name);
          }
        }
        Path target = skipped ? null : workFolder.resolve("entry-" + count);
        long[] size = new long[1];
        String sha256 = copy(zip, raw, target, archiveName, name, total, size,
            extension != null && !ZIP_BASED_DOCUMENTS.contains(extension));
        total += size[0];
        if (!skipped) {
          entries.add(new ReadEntry(name, proof.group(1).toUpperCase(Locale.ROOT) + " " + proof.group(2),
              target, sha256, size[0]));
        }
      }
    } catch (ZipException | EOFException | IllegalArgumentException e) {
      throw damaged(archiveName, current, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (entries.isEmpty()) {
      throw refused(archiveName, "est vide : elle ne contient aucun fichier de preuve.");
    }
    return entries;
  }

  private static void checkSignature(String archiveName, InputStream in) {
    in.mark(4);
    byte[] head = new byte[4];
    int n;
    try {
      n = in.readNBytes(head, 0, 4);
      in.reset();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 5 && head[3] == 6) {
      throw refused(archiveName, "est vide : elle ne contient aucun fichier de preuve.");
    }
    if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
      throw refused(archiveName, "n’est pas une archive ZIP : envoyez les preuves dans un seul fichier .zip.");
    }
  }

  private static ZipEntry nextEntry(ZipInputStream zip, String archiveName) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (ZipException e) {
      if (e.getMessage() != null && e.getMessage().contains("encrypted")) {
        throw refused(archiveName, "est chiffrée (protégée par un mot de passe) : envoyez-la sans mot de passe,"
            + " l’ANS ne peut pas ouvrir les archives protégées.");
      }
      throw e;
    }
  }

  /** Zip slip: a path that is absolute, names a drive, or climbs out with "..". */
  private static void checkPath(String archiveName, String name) {
    String path = name.replace('\\', '/');
    boolean escapes = path.startsWith("/") || path.matches("^[A-Za-z]:.*")
        || List.of(path.split("/")).contains("..") || path.contains("\0");
    if (escapes) {
      throw refused(archiveName, "contient une entrée dont le chemin sort du dossier de l’archive : « " + name
          + " ». Les entrées doivent être de simples noms de fichier comme INS_2.1.1.jpeg.");
    }
  }

  /** Copies one entry, counting what comes out (never trusting the headers), into target or nowhere. */
  private String copy(ZipInputStream zip, CountingInputStream raw, Path target, String archiveName,
      String entryName, long totalBefore, long[] size, boolean checkNested) throws IOException {
    MessageDigest sha = sha256();
    long rawAtStart = raw.count();
    long maxTotal = limits.maxUncompressedSize().toBytes();
    long ratioFrom = limits.ratioCheckFrom().toBytes();
    byte[] buffer = new byte[8192];
    boolean first = true;
    try (OutputStream out = target == null ? OutputStream.nullOutputStream() : Files.newOutputStream(target)) {
      int n;
      while ((n = zip.read(buffer)) != -1) {
        if (first && checkNested && looksLikeArchive(buffer, n)) {
          throw nested(archiveName, entryName);
        }
        first = false;
        size[0] += n;
        if (totalBefore + size[0] > maxTotal) {
          throw refused(archiveName, "dépasse " + human(maxTotal) + " une fois décompressée (la limite d’une"
              + " archive) : répartissez les preuves sur plusieurs envois.");
        }
        long compressed = Math.max(1, raw.count() - rawAtStart);
        if (size[0] > ratioFrom && size[0] / compressed > limits.maxCompressionRatio()) {
          throw refused(archiveName, "contient une entrée compressée à plus de " + limits.maxCompressionRatio()
              + " pour 1 (« " + entryName + " ») : cela ressemble à une bombe ZIP, elle est refusée.");
        }
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static boolean looksLikeArchive(byte[] b, int n) {
    return starts(b, n, 'P', 'K', 3, 4) || starts(b, n, 'P', 'K', 5, 6) || starts(b, n, 0x1F, 0x8B)
        || starts(b, n, '7', 'z', 0xBC, 0xAF) || starts(b, n, 'R', 'a', 'r', '!') || starts(b, n, 'B', 'Z', 'h')
        || starts(b, n, 0xFD, '7', 'z', 'X', 'Z') || starts(b, n, 0x28, 0xB5, 0x2F, 0xFD)
        || (n > 262 && new String(b, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar"));
  }

  private static boolean starts(byte[] b, int n, int... magic) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  static String human(long bytes) {
    return human(bytes, false);
  }

  /** A size as the evidence page writes it: "200 Mo" in French, "200 MB" in English, or in bytes. */
  static String human(long bytes, boolean english) {
    long mb = 1024L * 1024;
    return bytes % mb == 0 ? EvidenceRejectedException.text("evidence.megabytes", english, bytes / mb)
        : bytes + " " + EvidenceRejectedException.text("evidence.bytes", english);
  }

  private static EvidenceRejectedException nested(String archiveName, String entryName) {
    return refused(archiveName, "contient une autre archive, « " + entryName + " » : mettez les fichiers de preuve"
        + " directement dans le ZIP, pas dans une archive intérieure.");
  }

  private static EvidenceRejectedException damaged(String archiveName, String entryName, Exception cause) {
    return refused(archiveName, "est endommagée et ne peut pas être lue" + (entryName == null ? "" : " (à l’entrée « "
        + entryName + " »)") + " : recréez l’archive et renvoyez-la.");
  }

  static EvidenceRejectedException refused(String archiveName, String problem) {
    return new EvidenceRejectedException("L’archive « " + archiveName + " » " + problem);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts the bytes taken from the upload, to measure how much each entry was compressed. */
  static final class CountingInputStream extends FilterInputStream {
    private long count;
    private long mark;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }

    @Override
    public synchronized void mark(int readlimit) {
      super.mark(readlimit);
      mark = count;
    }

    @Override
    public synchronized void reset() throws IOException {
      super.reset();
      count = mark;
    }
  }
}
