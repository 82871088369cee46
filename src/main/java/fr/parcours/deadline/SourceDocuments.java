package fr.parcours.deadline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deadlines table cites its sources as the seed documents are numbered ("000 §16": step 16 of document 000),
 * which a process owner reads beside {@code seeds/} but a vendor cannot. The pages write each such reference with
 * the document's title and the step or section: « fiche « Inscription sous nom de marque », étape 16 ». Whatever
 * else a cell says (a remark in brackets) is kept as written.
 *
 * <p>A row that serves every pathway (the ANS track's) cites every text that states its rule: « 000 §3; 001 §3; 002
 * §4.a; 003 §2 ». A dossier's page cites, of these, its own pathway's fiche and the texts common to every pathway (the
 * guide, the ANS rules), so that a generic-line dossier does not read the early-coverage fiche; where none of these
 * states the rule, it cites what the cell cites (the cell's remark then says why).
 */
public final class SourceDocuments {

  /** "000 §16", "002 §11.a", "004 §6.4": a seed's number and the step or section it cites. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(00[0-4]) §\\s?([0-9]+(?:\\.[0-9a-z]+)*)");

  /** What each seed is, and whether its numbers are steps (the pathway pages) or sections (the guide, the rules). */
  private record Document(String titleFr, String titleEn, boolean steps, String pathway) { }

  private static final Map<String, Document> DOCUMENTS = Map.of(
      "000", new Document("fiche « Inscription sous nom de marque »", "guide “Brand name registration”", true, "BRAND_NAME"),
      "001", new Document("fiche « Inscription sur une ligne générique »", "guide “Generic line registration”", true,
          "GENERIC_LINE"),
      "002", new Document("fiche « Mes étapes pour obtenir la prise en charge anticipée »",
          "guide “Mes étapes pour obtenir la prise en charge anticipée” (early coverage)", true, "PECAN"),
      "003", new Document("guide « DMN à visée thérapeutique ou diagnostique » (avril 2025)",
          "guide “DMN à visée thérapeutique ou diagnostique” (April 2025)", false, null),
      "004", new Document("règlement de la phase transitoire de certification de l’ANS",
          "ANS transitional-phase certification rules", false, null));

  private SourceDocuments() {
  }

  /** A table's source cell as a reader of the page's language understands it, every reference kept. */
  public static String readable(String source, Locale locale) {
    if (source == null || source.isBlank()) {
      return source;
    }
    return written(source, locale);
  }

  /**
   * A table's source cell as a dossier of that pathway ("GENERIC_LINE"; null for none) cites it: the references to
   * another pathway's fiche left out, unless only such references state the rule.
   */
  public static String readable(String source, Locale locale, String pathway) {
    if (source == null || source.isBlank()) {
      return source;
    }
    List<String> references = references(source);
    List<String> own = references.stream().filter(reference -> concerns(reference, pathway)).toList();
    return written(String.join("; ", own.isEmpty() ? references : own), locale);
  }

  /** The cell's references, cut at its semicolons outside brackets: "000 §3", "002 §4.a (a remark; more)". */
  private static List<String> references(String source) {
    List<String> references = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ';' && depth == 0) {
        references.add(source.substring(from, i).strip());
        from = i + 1;
      }
    }
    references.add(source.substring(from).strip());
    return references;
  }

  /** Whether a reference cites a text of that pathway or common to every pathway. */
  private static boolean concerns(String reference, String pathway) {
    Matcher seed = REFERENCE.matcher(reference);
    if (!seed.lookingAt()) {
      return false;
    }
    String of = DOCUMENTS.get(seed.group(1)).pathway();
    return of == null || of.equals(pathway);
  }

  private static String written(String source, Locale locale) {
    boolean english = "en".equals(locale.getLanguage());
    Matcher reference = REFERENCE.matcher(source);
    StringBuilder written = new StringBuilder();
    while (reference.find()) {
      Document document = DOCUMENTS.get(reference.group(1));
      String part = document.steps() ? (english ? "step " : "étape ") : (english ? "section " : "point ");
      reference.appendReplacement(written, Matcher.quoteReplacement((english ? document.titleEn() : document.titleFr())
          + ", " + part + reference.group(2)));
    }
    reference.appendTail(written);
    // two references: "000 §3; 002 §4.a", with the space French puts before a semicolon
    return english ? written.toString() : written.toString().replaceAll("(?<=\\S);", " ;");
  }
}
