package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcours.shared.FormFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.junit.jupiter.api.Test;

/**
 * The form's declarations judged as form-js judges them, read from the deployed forms themselves: the SIREN's pattern,
 * the phone's, form-js's email expression, a number's least value and decimals, and the condition that hides the
 * number when the decision does not ask for it. Each bad input is named; each good one passes.
 */
class DeclaredRulesTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, FormFields.Field> form(String path) throws IOException {
    return FormFields.parse(JSON.readTree(Path.of("forms", path).toFile()));
  }

  @Test
  void shouldRefuseATextOutsideItsPatternOrNotAnEmailNamingTheLabelAndWhatTheFormExpects() throws IOException {
    Map<String, FormFields.Field> candidature = form("tracks/ans-certification/candidature.form");
    FormFields.Field siren = candidature.get("siren");
    for (String bad : new String[] {"552 100 554", "55210055", "5521005540", "55210055A", "552100554\n"}) {
      assertThat(DeclaredRules.problem(siren, bad)).as(bad).get().asString()
          .startsWith("« SIREN » : « " + bad + " » n’a pas la forme que le formulaire attend (9 chiffres, d’après"
              + " l’extrait Kbis.) ; corrigez-le dans le formulaire.");
    }
    assertThat(DeclaredRules.problem(siren, "552100554")).isEmpty();

    FormFields.Field phone = candidature.get("contactPhone");
    for (String bad : new String[] {"12-34", "+33 1 23", "01 23 45 67 89 10", "téléphone"}) {
      assertThat(DeclaredRules.problem(phone, bad)).as(bad).get().asString()
          .startsWith("« Téléphone du contact » : « " + bad + " » n’a pas la forme que le formulaire attend (01 23 45"
              + " 67 89 ou +33 1 23 45 67 89.)");
    }
    assertThat(DeclaredRules.problem(phone, "01 23 45 67 89")).isEmpty();
    assertThat(DeclaredRules.problem(phone, "+33 1 23 45 67 89")).isEmpty();

    FormFields.Field email = candidature.get("contactEmail");
    for (String bad : new String[] {"jean dupont@medisoft.fr", "@medisoft.fr", "jean@-medisoft.fr", "jean@medisoft.",
        "jean.medisoft.fr"}) {
      assertThat(DeclaredRules.problem(email, bad)).as(bad).get().asString()
          .startsWith("« Courriel du contact » : « " + bad + " » n’est pas une adresse électronique");
    }
    assertThat(DeclaredRules.problem(email, "jean.dupont@medisoft.example")).isEmpty();
  }

  @Test
  void shouldRefuseANumberUnderItsLeastValueWithDecimalsOrNotANumber() throws IOException {
    FormFields.Field days = form("tracks/cnedimts-opinion/examine-application.form")
        .get("window_CNEDIMTS_COMPLEMENTS_days");
    String label = "« Délai accordé au fabricant, en jours » : ";
    assertThat(DeclaredRules.problem(days, 0L)).get().asString()
        .startsWith(label + "0 est moins que le plus petit nombre que le formulaire prend, 1 ; saisissez 1 ou plus.");
    assertThat(DeclaredRules.problem(days, -30L)).get().asString().startsWith(label + "-30 est moins");
    assertThat(DeclaredRules.problem(days, 1.5)).get().asString()
        .startsWith(label + "« 1.5 » a trop de décimales ; le formulaire prend un nombre entier.");
    assertThat(DeclaredRules.problem(days, "trente")).get().asString()
        .startsWith(label + "« trente » n’est pas un nombre");
    assertThat(DeclaredRules.problem(days, 30L)).isEmpty();
    assertThat(DeclaredRules.problem(days, 30.0)).as("30.0 is a whole number").isEmpty();
  }

  @Test
  void shouldJudgeTheNumberOnlyWhenTheDecisionShowsIt() throws IOException {
    FeelEngine feel = new ScalaFeelEngineFactory().createInstance();
    FormFields.Field days = form("tracks/cnedimts-opinion/examine-application.form")
        .get("window_CNEDIMTS_COMPLEMENTS_days");

    assertThat(DeclaredRules.hidden(feel, days, Map.of("cnedimtsDecision", "COMPLEMENTS", "agencySetsLength", true)))
        .as("asked").isFalse();
    assertThat(DeclaredRules.hidden(feel, days, Map.of("cnedimtsDecision", "COMPLEMENTS", "agencySetsLength", false)))
        .as("the table's length").isTrue();
    assertThat(DeclaredRules.hidden(feel, days, Map.of("cnedimtsDecision", "FAVOURABLE", "agencySetsLength", true)))
        .as("another decision").isTrue();
    assertThat(DeclaredRules.hidden(feel, days, Map.of())).as("nothing chosen yet").isTrue();
  }

  /**
   * A required field left empty, as form-js judges it: no value, an empty text, a box not ticked, a checklist with
   * nothing chosen (as a list, or as the JSON text the REST API sends); a text of spaces, 0 and a ticked box are
   * values. Every missing field is named by its label at once, a hidden one not at all.
   */
  @Test
  void shouldNameEveryRequiredFieldLeftEmptyAndNoneTheFormHides() throws IOException {
    FeelEngine feel = new ScalaFeelEngineFactory().createInstance();
    Map<String, FormFields.Field> convention = form("tracks/ans-certification/sign-convention.form");
    FormFields.Field signed = convention.get("conventionSigned");
    assertThat(DeclaredRules.missing(signed, false)).as("a box not ticked").isTrue();
    assertThat(DeclaredRules.missing(signed, null)).as("a box not sent").isTrue();
    assertThat(DeclaredRules.missing(signed, true)).isFalse();
    FormFields.Field signatory = convention.get("signatoryName");
    assertThat(DeclaredRules.missing(signatory, "")).isTrue();
    assertThat(DeclaredRules.missing(signatory, "  ")).as("spaces are a value to form-js").isFalse();
    FormFields.Field profiles = form("tracks/ans-certification/candidature.form").get("softwareProfiles");
    assertThat(DeclaredRules.missing(profiles, java.util.List.of())).isTrue();
    assertThat(DeclaredRules.missing(profiles, "[ ]")).as("an empty JSON list").isTrue();
    assertThat(DeclaredRules.missing(profiles, "[\"SOCLE\"]")).isFalse();

    assertThat(FormFieldsOnly.missingProblem(feel, "La tâche « Signer la convention »", "Task 'Sign'", convention,
        Map.of("conventionSigned", false, "signatoryName", ""), Map.of("companyName", "Medisoft"))).get().asString()
        .isEqualTo("La tâche « Signer la convention » attend encore « Nom du signataire », « Je signe la convention au"
            + " nom de Medisoft » : remplissez ces champs dans le formulaire, puis envoyez-le à nouveau ; rien n’a été"
            + " enregistré. (Task 'Sign' still needs « Nom du signataire », « Je signe la convention au nom de"
            + " Medisoft », which it requires: fill them in and send it again; nothing was stored.)");
    assertThat(FormFieldsOnly.missingProblem(feel, "T", "T", convention,
        Map.of("conventionSigned", true, "signatoryName", "Jeanne Martin"), Map.of())).isEmpty();

    Map<String, FormFields.Field> opinion = form("tracks/cnedimts-opinion/examine-application.form");
    assertThat(FormFieldsOnly.missingProblem(feel, "T", "T", opinion, Map.of(), Map.of("agencySetsLength", true)))
        .as("the length is hidden until the commission asks for complements").get().asString()
        .startsWith("T attend encore « Avis de la commission » : remplissez ce champ");
    assertThat(FormFieldsOnly.missingProblem(feel, "T", "T", opinion, Map.of("cnedimtsDecision", "COMPLEMENTS"),
        Map.of("agencySetsLength", true))).get().asString()
        .startsWith("T attend encore « Délai accordé au fabricant, en jours » : remplissez ce champ");
    assertThat(FormFieldsOnly.missingProblem(feel, "T", "T", opinion, Map.of("cnedimtsDecision", "COMPLEMENTS",
        "window_CNEDIMTS_COMPLEMENTS_days", 0L), Map.of("agencySetsLength", true))).as("0 is a value").isEmpty();
  }
}
