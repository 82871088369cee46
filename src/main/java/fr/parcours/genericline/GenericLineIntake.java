package fr.parcours.genericline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.ans.RefusalLanguage;
import fr.parcours.candidature.Candidature;
import fr.parcours.candidature.CandidatureWords;
import fr.parcours.genericline.GenericLines.Line;
import fr.parcours.shared.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The generic-line part of the start form, after the candidature itself was accepted: the lines claimed (each must
 * exist and be open to the device's profiles) and whether the vendor comes from ETAPES (then every line claimed
 * must be one of ETAPES'). Refusals are French sentences, then English for a vendor who asked for English
 * ({@link RefusalLanguage}); nothing is started.
 */
@Component("genericLineIntake")
class GenericLineIntake implements ExecutionListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GenericLines lines;

  GenericLineIntake(GenericLines lines) {
    this.lines = lines;
  }

  @Override
  public void notify(DelegateExecution execution) {
    List<String> profiles = Candidature.from(execution.getVariables()).softwareProfiles();
    boolean inEnglish = RefusalLanguage.english(execution);
    List<Line> claimed = lines.claimed(ids(execution.getVariable(GenericLineProcess.GENERIC_LINES), inEnglish),
        profiles, inEnglish);
    boolean fromEtapes = Boolean.TRUE.equals(execution.getVariable(GenericLineProcess.FROM_ETAPES));
    if (fromEtapes) {
      for (Line line : claimed) {
        if (!line.etapes()) {
          throw new BadInputException(CandidatureWords.of("genericLine.notEtapes", line.label())
              .forVendor(inEnglish));
        }
      }
    }
    execution.setVariable(GenericLineProcess.FROM_ETAPES, fromEtapes);
    execution.setVariable(GenericLineProcess.GENERIC_LINES,
        claimed.stream().map(Line::id).collect(Collectors.joining(",")));
    // what forms and mails show: the lines' names, not their ids
    execution.setVariable("genericLineNames", claimed.stream().map(Line::label).collect(Collectors.joining(", ")));
    execution.setVariable("genericLineNamesEn",
        claimed.stream().map(Line::labelEn).collect(Collectors.joining(", ")));
    execution.setVariable("pathway", GenericLineProcess.PATHWAY);
  }

  /** The lines a dossier holds already (its refusal in French only: the value was read at the start). */
  static List<String> ids(Object value) {
    return ids(value, false);
  }

  /** A checklist's values, however they came: a list, a JSON array as text, or ids separated by commas. */
  static List<String> ids(Object value, boolean inEnglish) {
    Collection<String> ids = new LinkedHashSet<>();
    if (value instanceof Collection<?> list) {
      list.forEach(v -> ids.add(String.valueOf(v).strip()));
    } else if (value != null && value.toString().strip().startsWith("[")) {
      try {
        for (JsonNode node : JSON.readTree(value.toString())) {
          ids.add(node.asText().strip());
        }
      } catch (IOException e) {
        throw new BadInputException(CandidatureWords.of("genericLine.unreadable").forVendor(inEnglish));
      }
    } else if (value != null) {
      Arrays.stream(value.toString().split(",")).map(String::strip).forEach(ids::add);
    }
    ids.removeIf(String::isEmpty);
    return new ArrayList<>(ids);
  }
}
