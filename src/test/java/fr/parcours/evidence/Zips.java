package fr.parcours.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the archives the tests send, good and bad. */
public final class Zips {

  private final Map<String, byte[]> entries = new LinkedHashMap<>();

  public static Zips with(String... names) {
    Zips zips = new Zips();
    for (String name : names) {
      zips.entry(name, ("proof " + name).getBytes(StandardCharsets.UTF_8));
    }
    return zips;
  }

  public Zips entry(String name, byte[] content) {
    entries.put(name, content);
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The same archive with every entry flagged as encrypted (general purpose bit 0 of the local headers). */
  public byte[] encrypted() {
    byte[] zip = bytes();
    for (int i = 0; i + 6 < zip.length; i++) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4) {
        zip[i + 6] |= 1;
      }
    }
    return zip;
  }

  /** An archive cut in the middle of its first entry's data. */
  public byte[] truncated() {
    byte[] zip = bytes();
    return java.util.Arrays.copyOf(zip, zip.length / 2);
  }

  /** A ZIP with no entry at all (only its end record). */
  public static byte[] empty() {
    return new Zips().bytes();
  }

  public static byte[] zeros(int megabytes) {
    return new byte[megabytes * 1024 * 1024];
  }

  public static byte[] random(int megabytes) {
    byte[] bytes = new byte[megabytes * 1024 * 1024];
    new Random(7).nextBytes(bytes);
    return bytes;
  }
}
