package fr.parcours.ans;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Dossier numbers people can read out on the phone: {@code DMN-2026-7KQ3F} (year, then five characters
 * without 0/O or 1/I), unique among all dossiers, running or finished.
 */
@Component
public class DossierNumbers {

  private static final char[] ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
  private final SecureRandom random = new SecureRandom();
  private final HistoryService history;

  DossierNumbers(HistoryService history) {
    this.history = history;
  }

  public String next() {
    int year = ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).getYear();
    for (int attempt = 0; attempt < 20; attempt++) {
      StringBuilder number = new StringBuilder("DMN-").append(year).append('-');
      for (int i = 0; i < 5; i++) {
        number.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      String candidate = number.toString();
      if (history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(candidate).count() == 0) {
        return candidate;
      }
    }
    throw new IllegalStateException("Could not draw a free dossier number after 20 attempts");
  }
}
