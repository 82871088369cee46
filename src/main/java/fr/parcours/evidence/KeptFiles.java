package fr.parcours.evidence;

import java.util.Set;

/**
 * A feature that keeps files of its own under the evidence storage ({@link UploadedFiles#keep}), with the suffix it
 * gives them: the files its rows refer to. The start-up sweep ({@link EvidenceSweep}) removes the others with that
 * suffix, left by a node stopped between writing a file and committing its row.
 */
public interface KeptFiles {

  /** The suffix of this feature's files, such as {@code .attachment}. */
  String suffix();

  /** The files its rows refer to, relative to the storage folder, as {@link UploadedFiles#keep} returned them. */
  Set<String> storedFiles();

  /**
   * The folder, under the storage folder, in which each write makes a folder of its own named by a new id and never
   * written again (a message's attachments: {@code messages}); null when its files share folders. The sweep removes
   * those folders once empty (their files removed as orphans, or never written) and untouched for a day.
   */
  default String foldersOfOneWrite() {
    return null;
  }
}
