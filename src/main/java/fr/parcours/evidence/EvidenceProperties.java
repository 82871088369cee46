package fr.parcours.evidence;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings {@code parcours.evidence.*}: where proofs are kept, which catalogue applies, and the limits an
 * archive must keep (anything beyond is refused before it is kept).
 *
 * @param storage folder of the stored proofs (one sub-folder per dossier and send)
 * @param catalogue location of the catalogue of requirements and proofs
 * @param maxArchiveSize largest archive accepted, as uploaded
 * @param maxUncompressedSize largest total of the entries once uncompressed, counted while reading
 * @param maxEntries most entries (files and folders) in one archive
 * @param maxCompressionRatio most an entry may be compressed (uncompressed / compressed bytes), checked
 *     once an entry passes {@code ratioCheckFrom}
 * @param ratioCheckFrom uncompressed size from which the ratio is checked (small text files compress well)
 */
@ConfigurationProperties("parcours.evidence")
public record EvidenceProperties(Path storage, String catalogue, DataSize maxArchiveSize,
    DataSize maxUncompressedSize, Integer maxEntries, Integer maxCompressionRatio, DataSize ratioCheckFrom) {

  public EvidenceProperties {
    storage = storage == null ? Path.of("data", "evidence") : storage;
    catalogue = catalogue == null ? "classpath:catalogue/evidence-catalogue.json" : catalogue;
    maxArchiveSize = maxArchiveSize == null ? DataSize.ofMegabytes(200) : maxArchiveSize;
    maxUncompressedSize = maxUncompressedSize == null ? DataSize.ofMegabytes(500) : maxUncompressedSize;
    maxEntries = maxEntries == null ? 500 : maxEntries;
    maxCompressionRatio = maxCompressionRatio == null ? 100 : maxCompressionRatio;
    ratioCheckFrom = ratioCheckFrom == null ? DataSize.ofMegabytes(1) : ratioCheckFrom;
  }

  /** The defaults, for tests and tools. */
  public static EvidenceProperties defaults() {
    return new EvidenceProperties(null, null, null, null, null, null, null);
  }
}
