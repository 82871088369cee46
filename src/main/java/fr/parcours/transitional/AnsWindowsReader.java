package fr.parcours.transitional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.evidence.EvidenceCatalogueReader;
import fr.parcours.transitional.AnsWindows.Window;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the ANS windows and refuses them whole, naming every bad entry, when a process owner made a mistake (as the
 * evidence catalogue and the generic lines are refused): the application does not start on windows whose mode it
 * would get wrong.
 */
final class AnsWindowsReader {

  static final Pattern WINDOW_ID = Pattern.compile("[A-Z][A-Z_]*");

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnsWindowsReader() {
  }

  static AnsWindows read(InputStream json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Les guichets de l’ANS " + source + " ne sont pas un JSON lisible : "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    List<String> problems = new ArrayList<>();
    List<Window> windows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    JsonNode list = root == null ? null : root.get("windows");
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add("« windows » doit lister les guichets : {\"windows\": [{\"id\": \"TELEMONITORING\", …}]}");
    } else {
      for (int i = 0; i < list.size(); i++) {
        windows.add(window(list.get(i), "guichet n° " + (i + 1), ids, problems));
      }
    }
    String track = root == null ? null : EvidenceCatalogueReader.text(root, "nominalTrackWindow");
    if (track != null && !ids.contains(track)) {
      problems.add("« nominalTrackWindow » vaut « " + track + " », qui n’est l’id d’aucun guichet : écrivez l’id du"
          + " guichet dont le parcours de certification de l’ANS délivre la certification (comme « TELEMONITORING »),"
          + " ou retirez ce champ");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Les guichets de l’ANS " + source + " ont " + problems.size()
          + " problème(s) ; corrigez-les puis redémarrez :\n- " + String.join("\n- ", problems));
    }
    String notice = EvidenceCatalogueReader.text(root, "notice");
    return new AnsWindows(notice == null ? "" : notice, windows, track);
  }

  private static Window window(JsonNode node, String where, Set<String> ids, List<String> problems) {
    String id = EvidenceCatalogueReader.text(node, "id");
    String name = id == null ? where : where + " « " + id + " »";
    if (id == null || !WINDOW_ID.matcher(id).matches()) {
      problems.add(name + " : « id » doit être des lettres capitales et des tirets bas, comme « TELEMONITORING »");
    } else if (!ids.add(id)) {
      problems.add(name + " : cet id est déjà celui d’un autre guichet");
    }
    String label = EvidenceCatalogueReader.text(node, "label");
    if (label == null) {
      problems.add(name + " : « label » (son nom en français) manque");
    }
    String labelEn = EvidenceCatalogueReader.text(node, "labelEn");
    if (labelEn == null) {
      problems.add(name + " : « labelEn » (son nom en anglais) manque");
    }
    String referential = EvidenceCatalogueReader.text(node, "referential");
    if (referential == null) {
      problems.add(name + " : « referential » (le référentiel selon lequel il certifie) manque");
    }
    int before = problems.size();
    LocalDate transitional = date(node, "transitionalOpensOn", name, problems);
    LocalDate nominal = date(node, "nominalOpensOn", name, problems);
    boolean datesReadable = problems.size() == before;
    if (transitional == null && nominal == null && datesReadable) {
      problems.add(name + " : donnez « transitionalOpensOn », « nominalOpensOn » ou les deux : un guichet qui"
          + " n’ouvre aucun jour ne peut recevoir aucune candidature");
    }
    if (transitional != null && nominal != null && !nominal.isAfter(transitional)) {
      problems.add(name + " : « nominalOpensOn » (" + nominal + ") doit venir après « transitionalOpensOn » ("
          + transitional + ") : la phase nominale suit la phase transitoire");
    }
    return new Window(id, label, labelEn, referential, transitional, nominal);
  }

  private static LocalDate date(JsonNode node, String field, String name, List<String> problems) {
    String text = EvidenceCatalogueReader.text(node, field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      problems.add(name + " : « " + field + " » vaut « " + text + " », qui n’est pas une date écrite comme"
          + " 2022-08-01 ; corrigez-la, ou laissez le champ vide");
      return null;
    }
  }
}
