package fr.parcours.simulator;

import fr.parcours.simulator.AnswerBook.Assumption;
import fr.parcours.simulator.AnswerBook.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process owner's assumptions for a what-if, read from a small text file:
 *
 * <pre>
 * # comments start with #
 * parcours: pecan
 * Task_ExamineApplication: délai = triangulaire(10, 30, 58) ; compléments = 20 % ; refus = 5 %
 * Task_ProvideCnedimtsComplements: délai = lognormale(12, 28) ; retard = 10 %
 * </pre>
 *
 * One line per step (its id in the diagram), with settings separated by « ; »: {@code délai} (a {@link Distribution}
 * in days), and the shares {@code compléments}, {@code refus}, {@code retard} in percent. A step without a line keeps
 * the pathway's usual assumption. Every mistake is reported at once, in French, with its line and the entry.
 */
record WhatIfFile(AnswerBook book, Map<String, Assumption> assumptions) {

  /** The bad entries of a what-if file, each with its line; nothing of the file is used. */
  static final class BadWhatIfFile extends IllegalArgumentException {
    final List<String> problems;

    BadWhatIfFile(String source, List<String> problems) {
      super("Le fichier d’hypothèses " + source + " ne peut pas être utilisé :\n  - " + String.join("\n  - ", problems));
      this.problems = List.copyOf(problems);
    }
  }

  static WhatIfFile parse(String source, String text, List<AnswerBook> books) {
    List<String> problems = new ArrayList<>();
    AnswerBook book = null;
    Map<String, Assumption> given = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new TreeMap<>();
    String[] lines = text.split("\\R", -1);
    for (int n = 1; n <= lines.length; n++) {
      String line = lines[n - 1].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        problems.add("ligne " + n + " : « " + line + " » ne dit pas de quelle étape il s’agit ; écrivez"
            + " « Identifiant_De_L_Etape: délai = fixe(3) » ou « parcours: pecan »");
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (key.equalsIgnoreCase("parcours")) {
        if (book != null) {
          problems.add("ligne " + n + " : le parcours est déjà donné (« " + book.pathway() + " ») ; un fichier"
              + " décrit un seul parcours");
          continue;
        }
        book = books.stream().filter(b -> b.pathway().equalsIgnoreCase(value)).findFirst().orElse(null);
        if (book == null) {
          problems.add("ligne " + n + " : le parcours « " + value + " » n’est pas simulé ; parcours possibles : "
              + String.join(", ", books.stream().map(AnswerBook::pathway).toList()));
        }
        continue;
      }
      if (lineOf.containsKey(key)) {
        problems.add("ligne " + n + " : l’étape « " + key + " » est déjà décrite ligne " + lineOf.get(key)
            + " ; gardez une seule ligne par étape");
        continue;
      }
      lineOf.put(key, n);
      Assumption assumption = assumption(n, key, value, problems);
      if (assumption != null) {
        given.put(key, assumption);
      }
    }
    if (book == null) {
      if (problems.stream().noneMatch(p -> p.contains("n’est pas simulé"))) {
        problems.add("le fichier ne dit pas quel parcours simuler ; ajoutez une ligne « parcours: "
            + books.get(0).pathway() + " »");
      }
      throw new BadWhatIfFile(source, problems);
    }
    Map<String, Assumption> assumptions = new LinkedHashMap<>();
    for (Map.Entry<String, Step> step : book.steps().entrySet()) {
      assumptions.put(step.getKey(), step.getValue().usual());
    }
    for (Map.Entry<String, Assumption> entry : given.entrySet()) {
      String key = entry.getKey();
      Step step = book.steps().get(key);
      int n = lineOf.get(key);
      if (step == null) {
        problems.add("ligne " + n + " : l’étape « " + key + " » n’est pas une étape du parcours " + book.pathway()
            + " à laquelle une personne répond ; étapes possibles : " + String.join(", ", book.steps().keySet()));
        continue;
      }
      Assumption a = entry.getValue();
      if (a.complements() > 0 && step.complements() == null) {
        problems.add("ligne " + n + " : l’étape « " + key + " » ne peut pas demander de compléments ; retirez"
            + " « compléments »");
      }
      if (a.refusals() > 0 && step.refusal() == null) {
        problems.add("ligne " + n + " : l’étape « " + key + " » ne peut pas refuser ; retirez « refus »");
      }
      if (a.grantedDays() > 0 && step.grantsLength() == null) {
        problems.add("ligne " + n + " : à l’étape « " + key + " », la personne ne fixe pas le délai de l’éditeur"
            + " (il est dans la table des délais, ou l’étape ne demande pas de compléments) ; retirez « délai accordé »");
      }
      Assumption usual = step.usual();
      assumptions.put(key, new Assumption(a.days() != null ? a.days() : usual.days(), a.complements(),
          a.refusals(), a.late(), a.grantedDays() > 0 ? a.grantedDays() : usual.grantedDays()));
    }
    if (!problems.isEmpty()) {
      throw new BadWhatIfFile(source, problems);
    }
    return new WhatIfFile(book, assumptions);
  }

  private static Assumption assumption(int n, String key, String value, List<String> problems) {
    int before = problems.size();
    if (!key.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      problems.add("ligne " + n + " : « " + key + " » n’est pas un identifiant d’étape (ex. Task_ExamineApplication,"
          + " tel qu’il figure dans le diagramme)");
    }
    Distribution days = null;
    double[] shares = new double[3];
    int granted = 0;
    boolean[] seen = new boolean[5];
    if (value.isEmpty()) {
      problems.add("ligne " + n + " (" + key + ") : rien n’est dit de l’étape ; écrivez au moins « délai = fixe(3) »");
    }
    for (String setting : value.isEmpty() ? new String[0] : value.split(";")) {
      int eq = setting.indexOf('=');
      String name = eq < 0 ? setting.strip() : setting.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String what = eq < 0 ? "" : setting.substring(eq + 1).strip();
      String where = "ligne " + n + " (" + key + ", " + (name.isEmpty() ? "réglage vide" : name) + ") : ";
      if (eq < 0) {
        problems.add(where + "« " + setting.strip() + " » n’a pas de valeur ; écrivez par exemple « délai = fixe(3) »"
            + " ou « refus = 10 % »");
        continue;
      }
      int slot = switch (name) {
        case "délai", "delai" -> 0;
        case "compléments", "complements" -> 1;
        case "refus" -> 2;
        case "retard" -> 3;
        case "délai accordé", "delai accorde", "délai accorde", "delai accordé" -> 4;
        default -> -1;
      };
      if (slot < 0) {
        problems.add(where + "réglage inconnu ; les réglages sont délai, compléments, refus, retard et délai"
            + " accordé");
        continue;
      }
      if (seen[slot]) {
        problems.add(where + "donné deux fois sur la ligne ; gardez-en un");
        continue;
      }
      seen[slot] = true;
      try {
        if (slot == 0) {
          days = Distribution.parse(what);
        } else if (slot == 4) {
          granted = grantedDays(what);
        } else {
          shares[slot - 1] = share(what);
        }
      } catch (IllegalArgumentException e) {
        problems.add(where + e.getMessage());
      }
    }
    if (shares[0] + shares[1] > 1.0 + 1e-9) {
      problems.add("ligne " + n + " (" + key + ") : compléments et refus font ensemble plus de 100 % des réponses ;"
          + " leur somme doit rester à 100 % au plus");
    }
    return problems.size() > before ? null : new Assumption(days, shares[0], shares[1], shares[2], granted);
  }

  /** « 30 » or « 30 jours »: the whole days a reviewer grants the vendor for complements. */
  private static int grantedDays(String text) {
    String number = text.strip().replaceFirst("(?i)\\s*jours?$", "");
    try {
      int days = Integer.parseInt(number);
      if (days >= 1 && days <= 3650) {
        return days;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("« " + text + " » n’est pas un nombre de jours ; écrivez un nombre entier de"
        + " jours, ex. délai accordé = 30");
  }

  /** « 20 % », « 20% » or « 20 »: a share between 0 and 100 %. */
  private static double share(String text) {
    String number = text.replace("%", "").strip().replace(',', '.');
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("« " + text + " » n’est pas une part ; écrivez un pourcentage, ex. 15 %");
    }
    if (value < 0 || value > 100 || Double.isNaN(value)) {
      throw new IllegalArgumentException("« " + text + " » : une part est comprise entre 0 % et 100 %");
    }
    return value / 100;
  }
}
