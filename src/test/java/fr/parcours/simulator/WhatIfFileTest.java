package fr.parcours.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.simulator.AnswerBook.Assumption;
import fr.parcours.simulator.WhatIfFile.BadWhatIfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The what-if file a process owner writes: what it means, and a clear French message for each mistake. */
class WhatIfFileTest {

  static final List<AnswerBook> BOOKS = List.of(new PecanAnswers(), new BrandNameAnswers(day -> day.plusYears(5)));

  static WhatIfFile parse(String text) {
    return WhatIfFile.parse("essai.txt", text, BOOKS);
  }

  static List<String> problems(String text) {
    try {
      parse(text);
    } catch (BadWhatIfFile e) {
      assertThat(e.getMessage()).startsWith("Le fichier d’hypothèses essai.txt ne peut pas être utilisé");
      return e.problems;
    }
    throw new AssertionError("the file was accepted: " + text);
  }

  @Test
  void shouldReadTheStepsTheirTimesAndSharesAndKeepTheUsualAssumptionElsewhere() {
    WhatIfFile file = parse("""
        # un commentaire
        parcours: pecan

        Task_ExamineApplication: délai = triangulaire(10, 30, 58) ; compléments = 20 % ; refus = 5%
        Task_ProvideCnedimtsComplements: delai = lognormale(12, 28) ; retard = 10
        """);

    assertThat(file.book().pathway()).isEqualTo("pecan");
    Assumption examine = file.assumptions().get("Task_ExamineApplication");
    assertThat(examine.days()).isEqualTo(new Distribution.Triangular(10, 30, 58));
    assertThat(examine.complements()).isEqualTo(0.20);
    assertThat(examine.refusals()).isEqualTo(0.05);
    assertThat(examine.late()).isZero();
    assertThat(file.assumptions().get("Task_ProvideCnedimtsComplements").late()).isEqualTo(0.10);
    // a step the file does not name keeps the simulator's usual assumption
    assertThat(file.assumptions().get("Task_SendAcknowledgement"))
        .isEqualTo(new PecanAnswers().steps().get("Task_SendAcknowledgement").usual());
  }

  @Test
  void shouldReadTheExampleFileOfTheRepository() throws Exception {
    WhatIfFile file = WhatIfFile.parse("simulations/pecan.txt", Files.readString(Path.of("simulations/pecan.txt")),
        BOOKS);

    assertThat(file.assumptions().get("Task_EvaluateApplication").refusals()).isEqualTo(0.05);
  }

  @Test
  void shouldNameEachBadEntryWithItsLineAndSayHowToWriteIt() {
    List<String> problems = problems("""
        parcours: pecan
        Task_ExamineApplication: délai = triangulaire(10, 5, 3)
        Task_ReviewEvidence: délai = normale(10, 3)
        Task_EvaluateApplication: délai = fixe(-2)
        Task_SendAcknowledgement: délai = fixe(deux)
        Task_PublishOpinion: délai = uniforme(3)
        Task_ProvideComplements: retard = 120 %
        Task_CheckSesameCompleteness: compléments = beaucoup
        Task_SignConvention: vitesse = 3
        Task_DepositEvidence: délai fixe(3)
        # (the steps unknown to the pathway are the next test's)
        Task_SendAcknowledgement: délai = fixe(1)
        Task_SignConvention refus 10 %

        #
        Task_ReviewAdmissibility: compléments = 70 % ; refus = 40 %
        Task_AdoptFinalOpinion: délai = fixe(3) ; délai = fixe(4)
        Task_AnswerDraftOpinion:
        Task_HoldHasMeeting: délai = lognormale(10, 5)
        """);

    assertThat(problems).containsExactlyInAnyOrder(
        "ligne 2 (Task_ExamineApplication, délai) : « triangulaire(10, 5, 3) » : il faut min ≤ mode ≤ max",
        "ligne 3 (Task_ReviewEvidence, délai) : « normale » n’est pas une loi connue : " + Distribution.HOW,
        "ligne 4 (Task_EvaluateApplication, délai) : « -2 » : un délai ne peut pas être négatif (dans « fixe(-2) »)",
        "ligne 5 (Task_SendAcknowledgement, délai) : « deux » n’est pas un nombre de jours (dans « fixe(deux) ») :"
            + " écrivez un nombre avec un point décimal, ex. 2.5",
        "ligne 6 (Task_PublishOpinion, délai) : « uniforme(3) » : cette loi prend 2 nombres, écrivez uniforme(min, max)",
        "ligne 7 (Task_ProvideComplements, retard) : « 120 % » : une part est comprise entre 0 % et 100 %",
        "ligne 8 (Task_CheckSesameCompleteness, compléments) : « beaucoup » n’est pas une part ; écrivez un"
            + " pourcentage, ex. 15 %",
        "ligne 9 (Task_SignConvention, vitesse) : réglage inconnu ; les réglages sont délai, compléments, refus,"
            + " retard et délai accordé",
        "ligne 10 (Task_DepositEvidence, délai fixe(3)) : « délai fixe(3) » n’a pas de valeur ; écrivez par exemple"
            + " « délai = fixe(3) » ou « refus = 10 % »",
        "ligne 12 : l’étape « Task_SendAcknowledgement » est déjà décrite ligne 5 ; gardez une seule ligne par étape",
        "ligne 13 : « Task_SignConvention refus 10 % » ne dit pas de quelle étape il s’agit ; écrivez"
            + " « Identifiant_De_L_Etape: délai = fixe(3) » ou « parcours: pecan »",
        "ligne 16 (Task_ReviewAdmissibility) : compléments et refus font ensemble plus de 100 % des réponses ;"
            + " leur somme doit rester à 100 % au plus",
        "ligne 17 (Task_AdoptFinalOpinion, délai) : donné deux fois sur la ligne ; gardez-en un",
        "ligne 18 (Task_AnswerDraftOpinion) : rien n’est dit de l’étape ; écrivez au moins « délai = fixe(3) »",
        "ligne 19 (Task_HoldHasMeeting, délai) : « lognormale(10, 5) » : il faut 0 < médiane < p90");
  }

  @Test
  void shouldRefuseStepsThePathwayDoesNotHaveAndAnswersAStepCannotGive() {
    List<String> problems = problems("""
        parcours: pecan
        Task_Unknown: délai = fixe(3)
        Task_ProvidePrecisions: refus = 10 %
        Task_FileLpprApplication: compléments = 10 %
        """);

    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).startsWith("ligne 2 : l’étape « Task_Unknown » n’est pas une étape du parcours pecan"
        + " à laquelle une personne répond ; étapes possibles : Task_RequestConvergenceAccount, ");
    assertThat(problems.get(1)).isEqualTo("ligne 3 : l’étape « Task_ProvidePrecisions » ne peut pas refuser ; retirez"
        + " « refus »");
    assertThat(problems.get(2)).isEqualTo("ligne 4 : l’étape « Task_FileLpprApplication » ne peut pas demander de"
        + " compléments ; retirez « compléments »");
  }

  /**
   * The brand name's CNEDiMTS and ministers set the vendor's time for complements themselves (the table's row says
   * « at least 10 days »): the file says how many days they grant, 30 unless it says otherwise.
   */
  @Test
  void shouldReadTheDaysAReviewerGrantsForComplements() throws Exception {
    WhatIfFile file = parse("""
        parcours: brand-name
        Task_ExamineApplication: délai = fixe(40) ; compléments = 20 % ; délai accordé = 15
        Task_EvaluateApplication: compléments = 10 % ; Délai accordé = 45 jours
        """);

    assertThat(file.book().pathway()).isEqualTo("brand-name");
    assertThat(file.assumptions().get("Task_ExamineApplication").grantedDays()).isEqualTo(15);
    assertThat(file.assumptions().get("Task_EvaluateApplication").grantedDays()).isEqualTo(45);
    assertThat(file.assumptions().get("Task_EvaluateApplication").days()).as("the usual time to answer kept")
        .isEqualTo(file.book().steps().get("Task_EvaluateApplication").usual().days());
    WhatIfFile example = WhatIfFile.parse("simulations/brand-name.txt",
        Files.readString(Path.of("simulations/brand-name.txt")), BOOKS);
    assertThat(example.assumptions().get("Task_ExamineApplication").grantedDays())
        .isEqualTo(TrackSteps.USUAL_GRANTED_DAYS);
    assertThat(example.book().steps().get("Task_FileRenewal").beforeDue()).isTrue();

    assertThat(problems("""
        parcours: brand-name
        Task_ExamineApplication: délai accordé = quinze
        Task_EvaluateApplication: délai accordé = 0
        Task_SendAcknowledgement: délai accordé = 30
        Task_ProvideCnedimtsComplements: délai accordé = 30 ; délai accordé = 20
        """)).containsExactlyInAnyOrder(
        "ligne 2 (Task_ExamineApplication, délai accordé) : « quinze » n’est pas un nombre de jours ; écrivez un"
            + " nombre entier de jours, ex. délai accordé = 30",
        "ligne 3 (Task_EvaluateApplication, délai accordé) : « 0 » n’est pas un nombre de jours ; écrivez un"
            + " nombre entier de jours, ex. délai accordé = 30",
        "ligne 5 (Task_ProvideCnedimtsComplements, délai accordé) : donné deux fois sur la ligne ; gardez-en un",
        "ligne 4 : à l’étape « Task_SendAcknowledgement », la personne ne fixe pas le délai de l’éditeur (il est"
            + " dans la table des délais, ou l’étape ne demande pas de compléments) ; retirez « délai accordé »");
  }

  @Test
  void shouldAskWhichPathwayToSimulate() {
    assertThat(problems("Task_ExamineApplication: délai = fixe(3)\n")).containsExactly(
        "le fichier ne dit pas quel parcours simuler ; ajoutez une ligne « parcours: pecan »");
    assertThat(problems("parcours: lppr\n")).containsExactly(
        "ligne 1 : le parcours « lppr » n’est pas simulé ; parcours possibles : pecan, brand-name");
    assertThat(problems("parcours: pecan\nparcours: pecan\n")).containsExactly(
        "ligne 2 : le parcours est déjà donné (« pecan ») ; un fichier décrit un seul parcours");
  }

  @Test
  void shouldDrawTheSameTimesFromTheSameSeed() {
    for (String text : List.of("fixe(3)", "uniforme(2, 10)", "triangulaire(2, 5, 20)", "exponentielle(7)",
        "lognormale(10, 30)")) {
      Distribution d = Distribution.parse(text);
      List<Double> first = new ArrayList<>();
      List<Double> second = new ArrayList<>();
      SplittableRandom a = new SplittableRandom(42);
      SplittableRandom b = new SplittableRandom(42);
      for (int i = 0; i < 2000; i++) {
        first.add(d.sample(a));
        second.add(d.sample(b));
      }
      assertThat(first).as(text).isEqualTo(second).allSatisfy(days -> assertThat(days).isNotNegative());
      double median = first.stream().sorted().toList().get(1000);
      switch (text) {
        case "fixe(3)" -> assertThat(median).isEqualTo(3);
        case "uniforme(2, 10)" -> assertThat(median).isBetween(5.5, 6.5);
        case "triangulaire(2, 5, 20)" -> assertThat(first).allSatisfy(x -> assertThat(x).isBetween(2.0, 20.0));
        case "exponentielle(7)" -> assertThat(median).isBetween(4.2, 5.5); // 7 ln 2 = 4.85
        default -> {
          assertThat(median).isBetween(9.0, 11.0);
          assertThat(first.stream().sorted().toList().get(1800)).isBetween(26.0, 34.0);
        }
      }
    }
  }
}
