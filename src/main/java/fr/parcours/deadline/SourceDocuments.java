package fr.parcours.deadline;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deadlines table cites its sources as the seed documents are numbered ("000 §16": step 16 of document 000),
 * which a process owner reads beside {@code seeds/} but a vendor cannot. The pages write each such reference with
 * the document's title and the step or section: « fiche « Inscription sous nom de marque », étape 16 ». Whatever
 * else a cell says (a remark in brackets) is kept as written.
 */
public final class SourceDocuments {

  /** "000 §16", "002 §11.a", "004 §6.4": a seed's number and the step or section it cites. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(00[0-4]) §\\s?([0-9]+(?:\\.[0-9a-z]+)*)");

  /** What each seed is, and whether its numbers are steps (the pathway pages) or sections (the guide, the rules). */
  private record Document(String titleFr, String titleEn, boolean steps) { }

  private static final Map<String, Document> DOCUMENTS = Map.of(
      "000", new Document("fiche « Inscription sous nom de marque »", "guide “Brand name registration”", true),
      "001", new Document("fiche « Inscription sur une ligne générique »", "guide “Generic line registration”", true),
      "002", new Document("fiche « Mes étapes pour obtenir la prise en charge anticipée »",
          "guide “Mes étapes pour obtenir la prise en charge anticipée” (early coverage)", true),
      "003", new Document("guide « DMN à visée thérapeutique ou diagnostique » (avril 2025)",
          "guide “DMN à visée thérapeutique ou diagnostique” (April 2025)", false),
      "004", new Document("règlement de la phase transitoire de certification de l’ANS",
          "ANS transitional-phase certification rules", false));

  private SourceDocuments() {
  }

  /** A table's source cell as a reader of the page's language understands it. */
  public static String readable(String source, Locale locale) {
    if (source == null || source.isBlank()) {
      return source;
    }
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
