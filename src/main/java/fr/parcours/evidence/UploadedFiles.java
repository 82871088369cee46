package fr.parcours.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The checks and the keeping of one file sent on its own (not in an evidence archive): the Kbis extract of
 * {@link CompanyDocuments} and the attachments of a dossier's messages. A file is taken by its content, never its
 * name: a PDF, PNG or JPEG only (so no archive, no program), named for what it is ({@link #namedAsItIs}: nothing
 * disguised under another name, which whoever downloads it would read as the truth), not empty, at
 * most {@link #MAX_SIZE}. It is kept under {@code parcours.evidence.storage} (one folder shared by a cluster's
 * nodes) under a random name with a suffix other than the proofs' {@code .bin}, which {@link EvidenceSweep} would
 * take for orphan proofs.
 */
@Component
public class UploadedFiles {

  /** The largest single file accepted, in megabytes. */
  public static final int MAX_MEGABYTES = 10;
  public static final DataSize MAX_SIZE = DataSize.ofMegabytes(MAX_MEGABYTES);

  private final EvidenceProperties properties;

  UploadedFiles(EvidenceProperties properties) {
    this.properties = properties;
  }

  /** "application/pdf", "image/png", "image/jpeg" by the first bytes; null for anything else. */
  public static String typeOf(byte[] content) {
    if (content == null) {
      return null;
    }
    if (starts(content, '%', 'P', 'D', 'F', '-')) {
      return "application/pdf";
    }
    if (starts(content, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (starts(content, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    return null;
  }

  /** The extensions a file of that type may be named with, the first the one to give it. */
  public static List<String> extensionsOf(String type) {
    return switch (type) {
      case "application/pdf" -> List.of(".pdf");
      case "image/png" -> List.of(".png");
      default -> List.of(".jpg", ".jpeg");
    };
  }

  /** The name's extension with its dot, in lower case ("" when it has none). */
  public static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the name says what the content is (its extension is one of the type's): a PNG named {@code .pdf}, a PDF
   * named {@code .exe} or without extension does not, and whoever downloads it gets a file named for what it is not.
   */
  public static boolean namedAsItIs(String name, String type) {
    return extensionsOf(type).contains(extension(name));
  }

  /** What the content is, in French, for a sentence: "un PDF", "une image PNG", "une image JPEG". */
  public static String whatItIs(String type) {
    return switch (type) {
      case "application/pdf" -> "un PDF";
      case "image/png" -> "une image PNG";
      default -> "une image JPEG";
    };
  }

  /** Above {@link #MAX_SIZE}. */
  public static boolean tooLarge(long size) {
    return size > MAX_SIZE.toBytes();
  }

  /** The file's own name, without the folders a browser may send. */
  public static String baseName(String fileName) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    return name.substring(name.lastIndexOf('/') + 1).strip();
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the content, whole or not at all, as {@code <folder>/<id><suffix>} under the storage folder.
   *
   * @return the file's path relative to the storage folder, as the tables keep it
   */
  public String keep(String folder, String id, String suffix, byte[] content) {
    if (!folder.matches("[A-Za-z0-9-]+(/[A-Za-z0-9-]+)*") || !id.matches("[A-Za-z0-9-]+") || ".bin".equals(suffix)) {
      throw new IllegalArgumentException("Unexpected stored file " + folder + "/" + id + suffix);
    }
    Path root = root();
    Path target = root.resolve(folder).resolve(id + suffix);
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), "upload", ".part");
      Files.write(temporary, content);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Le fichier envoyé n’a pas pu être gardé en " + target + " (" + e + ") :"
          + " vérifiez que ce dossier peut être créé, que Parcours peut y écrire et que le disque n’est pas plein"
          + " (réglage parcours.evidence.storage) ; l’envoi peut ensuite être refait.", e);
    }
    return root.relativize(target).toString();
  }

  /** The kept file, from its path relative to the storage folder. */
  public Path file(String storedFile) {
    Path root = root();
    Path file = root.resolve(storedFile).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("Outside the storage: " + storedFile);
    }
    return file;
  }

  /** Removes a kept file that nothing will refer to (its rows were not kept); quiet if it is gone. */
  public void forget(String storedFile) {
    try {
      Files.deleteIfExists(file(storedFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path root() {
    return properties.storage().toAbsolutePath().normalize();
  }

  private static boolean starts(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
