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
      throw refused(archiveName, "is damaged: its table of contents (the ZIP's central directory) is missing or"
          + " cut off, so files may be missing from it: create the archive again and resend it.");
    }
    if (listed.size() != read.size() || !new HashSet<>(listed).equals(new HashSet<>(read))) {
      throw refused(archiveName, "is damaged: its table of contents lists " + listed.size() + " entries but it"
          + " holds " + read.size() + ": create the archive again and resend it.");
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
          throw refused(archiveName, "holds more than " + limits.maxEntries()
              + " entries: split the proofs over several sends.");
        }
        String name = entry.getName();
        checkPath(archiveName, name);
        names.add(name);
        if (!seen.add(name.replace('\\', '/'))) {
          throw refused(archiveName, "holds two entries named '" + name + "': a ZIP lists each file once, and one"
              + " of them would be lost. Create the archive again and resend it.");
        }
        String fileName = name.substring(name.replace('\\', '/').lastIndexOf('/') + 1);
        boolean skipped = entry.isDirectory() || name.startsWith("__MACOSX/") || ".DS_Store".equals(fileName);
        Matcher proof = PROOF_FILE.matcher(fileName);
        String extension = null;
        if (!skipped) {
          if (!proof.matches()) {
            throw refused(archiveName, "holds an entry named '" + name + "', outside the naming rule: name each"
                + " proof after its number with spaces as underscores and any extension, such as INS_2.1.1.jpeg"
                + " for proof INS 2.1.1.");
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
      throw refused(archiveName, "is empty: it holds no proof file.");
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
      throw refused(archiveName, "is empty: it holds no proof file.");
    }
    if (n < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
      throw refused(archiveName, "is not a ZIP archive: send the proofs in one .zip file.");
    }
  }

  private static ZipEntry nextEntry(ZipInputStream zip, String archiveName) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (ZipException e) {
      if (e.getMessage() != null && e.getMessage().contains("encrypted")) {
        throw refused(archiveName, "is encrypted (protected by a password): send it without a password,"
            + " the ANS cannot open protected archives.");
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
      throw refused(archiveName, "holds an entry whose path leaves the archive's folder: '" + name
          + "'. Entries must be plain file names such as INS_2.1.1.jpeg.");
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
          throw refused(archiveName, "expands to more than " + human(maxTotal) + " once uncompressed (the limit"
              + " of one archive): split the proofs over several sends.");
        }
        long compressed = Math.max(1, raw.count() - rawAtStart);
        if (size[0] > ratioFrom && size[0] / compressed > limits.maxCompressionRatio()) {
          throw refused(archiveName, "holds an entry compressed more than " + limits.maxCompressionRatio()
              + " to 1 ('" + entryName + "'): this looks like a ZIP bomb and was refused.");
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
    long mb = 1024L * 1024;
    return bytes % mb == 0 ? bytes / mb + " MB" : bytes + " bytes";
  }

  private static EvidenceRejectedException nested(String archiveName, String entryName) {
    return refused(archiveName, "holds another archive, '" + entryName + "': put the proof files directly in the"
        + " ZIP, not in an inner archive.");
  }

  private static EvidenceRejectedException damaged(String archiveName, String entryName, Exception cause) {
    return refused(archiveName, "is damaged and cannot be read" + (entryName == null ? "" : " (at entry '"
        + entryName + "')") + ": create the archive again and resend it.");
  }

  static EvidenceRejectedException refused(String archiveName, String problem) {
    return new EvidenceRejectedException("'" + archiveName + "' " + problem);
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
