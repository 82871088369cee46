package fr.parcours.security;

import static fr.parcours.support.Candidatures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.support.Candidatures;
import fr.parcours.support.ProcessTestBase;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * Values a form's fields cannot hold, sent through the API as Tasklist never sends them ({@link FormFieldsOnly}, from
 * the deployed form itself): each is refused naming the field as the form labels it, nothing started, the task left
 * open. Before, a box given the text "oui" started a PECAN dossier with a text where a box goes; given 7 or "true",
 * the start failed with a 500 naming Java classes; a checklist's line given twice, or as plain text, went through.
 */
class FormValuesTest extends ProcessTestBase {

  Map<String, Object> pecan() {
    Map<String, Object> form = new HashMap<>(Candidatures.valid());
    form.putAll(Map.of("hasSesameAccount", true, "hasMeeting", "NONE", "telemonitoring", true));
    return form;
  }

  Map<String, Object> with(Map<String, Object> form, String key, Object value) {
    form.put(key, value);
    return form;
  }

  void refused(String processKey, Map<String, Object> form, String... messageParts) {
    long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count();
    assertThatThrownBy(() -> startApplication("alice", processKey, form)).isInstanceOf(BadUserRequestException.class)
        .hasMessageContainingAll(messageParts);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).count())
        .as("nothing started").isEqualTo(before);
  }

  @Test
  void shouldRefuseABoxThatIsNotTrueOrFalse() {
    refused("pecan", with(pecan(), "telemonitoring", "oui"),
        "« Le dispositif sert à la télésurveillance médicale » est une case à cocher", "pas « oui »");
    refused("pecan", with(pecan(), "hasSesameAccount", 7), "« Nous avons déjà un compte Sésame » est une case à cocher");
    Map<String, Object> brandName = with(pecan(), "validCertificate", "true");
    brandName.put("anticipatedCoverage", false);
    refused("brand-name", brandName, "« Nous avons un certificat de conformité de l’ANS valable pour ce dispositif et"
        + " cette version » est une case à cocher");
    Map<String, Object> genericLine = new HashMap<>(Candidatures.valid());
    genericLine.put("genericLines", json("[\"DIABETES\"]"));
    refused("generic-line", with(genericLine, "fromEtapes", "yes"),
        "« Nous venons de l’expérimentation ETAPES » est une case à cocher");
  }

  @Test
  void shouldRefuseAChoiceOutsideTheListAndAChecklistLineTwiceOrAsText() {
    refused("pecan", with(pecan(), "hasMeeting", "MAYBE"), "« Réunion avec la HAS avant le dépôt » : « MAYBE » n’est"
        + " pas l’un des choix de la liste (« Aucune réunion », « Rencontre précoce sur un protocole d’étude »,"
        + " « Rendez-vous pré-dépôt »)");
    // a list left blank is not quoted back as «   »: the intake says what it needs, or takes its default (French for
    // the correspondence, where a blank language was stored before)
    ProcessInstance blankLanguage = startApplication("alice", "ans-certification",
        with(new HashMap<>(Candidatures.valid()), "correspondenceLanguage", "   "));
    assertThat(runtimeService.getVariable(blankLanguage.getId(), "correspondenceLanguage")).isEqualTo("FR");
    Map<String, Object> genericLine = new HashMap<>(Candidatures.valid());
    refused("generic-line", with(genericLine, "genericLines", json("[\"DIABETES\",\"DIABETES\"]")),
        "« Lignes génériques demandées » : \"DIABETES\" est coché deux fois");
    refused("generic-line", with(genericLine, "genericLines", json("[\"MARS\"]")),
        "« Lignes génériques demandées » : \"MARS\" n’est pas l’un des choix de la liste (« Télésurveillance du"
            + " diabète »");
    refused("generic-line", with(genericLine, "genericLines", "DIABETES"),
        "« Lignes génériques demandées » : une liste des choix cochés est attendue");
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "softwareProfiles", json("[5]")),
        "« Profils logiciels » : 5 n’est pas l’un des choix de la liste");
  }

  @Test
  void shouldRefuseATextLongerThanItsFieldNamingItsLabel() {
    Map<String, Object> brandName = with(pecan(), "validCertificate", true);
    brandName.put("certificateNumber", "C".repeat(101));
    refused("brand-name", brandName, "« Numéro du certificat de conformité » compte 101 caractères ; le formulaire en"
        + " prend 100 au plus");
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "connectedObjects", "x".repeat(4001)),
        "Le champ « Objets connectés (facultatif) » compte 4001 caractères ; un champ texte en compte au plus 4000");
    // past what the database holds, in a field without a length of its own: named as the form labels it
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "plannedEvidenceDate", "2".repeat(10_000)),
        "Le champ « Date prévue du dépôt complet des preuves » compte 10000 caractères");
  }

  /**
   * What the form declares and form-js checks in Tasklist, sent through the API: a SIREN with spaces (the intake, which
   * reads it leniently, took it; the form's pattern wants 9 digits), a SIREN with non-breaking spaces. Refused naming the field by
   * its label and what the form expects, nothing started; the intake's own, more precise sentences still come first
   * (a SIREN with a letter, a phone of 17 digits are told by the intake).
   */
  @Test
  void shouldRefuseAValueOutsideWhatItsFormDeclares() {
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "siren", "552 100 554"),
        "« SIREN » : « 552 100 554 » n’a pas la forme que le formulaire attend (9 chiffres, d’après l’extrait Kbis.)");
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "siren", "552\u00a0100\u00a0554"),
        "« SIREN » : « 552\u00a0100\u00a0554 » n’a pas la forme que le formulaire attend");
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "siren", "55210055A"),
        "La candidature ne peut pas être acceptée", "SIREN");
    refused("pecan", with(pecan(), "legalRepPhone", "+33 1 23 45 67 89 10 11 12"),
        "La candidature ne peut pas être acceptée", "« +33 1 23 45 67 89 10 11 12 » n’est pas un numéro de téléphone");
  }

  /**
   * The form's fields are read once per deployed form: a process owner who deploys a changed form (forms are bound to
   * their latest version) has it judged at once, and the one before it again once the change is withdrawn; never the
   * other's fields from the cache. Tried: a software name outside the changed form's new pattern, then the same name
   * after the change is withdrawn.
   */
  @Test
  void shouldJudgeByTheFormDeployedLatestAndNeverByACachedOlderOne() throws Exception {
    String form = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("forms", "tracks",
        "ans-certification", "candidature.form")), java.nio.charset.StandardCharsets.UTF_8);
    String changed = form.replace("\"label\": \"Nom du logiciel\",", "\"label\": \"Nom du logiciel (modifié)\",")
        .replace("\"description\": \"Nom du composant logiciel principal du dispositif.\",\n          \"validate\": {",
            "\"description\": \"Il commence par une majuscule.\",\n          \"validate\": {\"pattern\": \"^[A-Z]\",");
    assertThat(changed).contains("Nom du logiciel (modifié)").contains("\"pattern\": \"^[A-Z]\"");
    startApplication("alice", "ans-certification", with(new HashMap<>(Candidatures.valid()), "softwareName", "zeta"));

    String deployment = repositoryService.createDeployment().name("changed candidature form")
        .addString("candidature.form", changed).deploy().getId();
    try {
      refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "softwareName", "zeta"),
          "« Nom du logiciel (modifié) » : « zeta » n’a pas la forme que le formulaire attend (Il commence par une"
              + " majuscule.)");
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
    ProcessInstance again = startApplication("alice", "ans-certification",
        with(new HashMap<>(Candidatures.valid()), "softwareName", "zeta"));
    assertThat(runtimeService.getVariable(again.getId(), "softwareName")).isEqualTo("zeta");
  }

  /** A task's field the same way: the task stays open, nothing stored. */
  @Test
  void shouldRefuseATaskFieldValueItsFormDoesNotTake() {
    ProcessInstance pi = startApplication("alice", "ans-certification", Candidatures.valid());
    for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(
        Map.of("depositAction", "SUBMIT", "docFunctional", "oui"),
        Map.of("depositAction", "LATER"))) {
      assertThatThrownBy(() -> complete("alice", pi, "Task_DepositAdministrativeDossier", bad))
          .isInstanceOf(BadUserRequestException.class)
          .hasMessageContaining(bad.size() == 2 ? "« Documentation fonctionnelle » est une case à cocher"
              : "« Que voulez-vous faire ? » : « LATER » n’est pas l’un des choix de la liste");
      assertThat(task(pi, "Task_DepositAdministrativeDossier")).isNotNull();
    }
    assertThat(runtimeService.getVariable(pi.getId(), "docFunctional")).isEqualTo(true);
  }

  /**
   * A date field takes the text form-js sends (2027-03-31), never another type: through the REST API a Date-typed
   * « Date prévue du dépôt complet des preuves » started the dossier and stayed a Date, which the later forms that show
   * the field were handed instead of their text. Tried at the start (a Date, a number) and on a task (a Date): refused
   * naming the field and « AAAA-MM-JJ », nothing started, the task left open and the date stored unchanged.
   */
  @Test
  void shouldRefuseADateFieldSentAsAnotherTypeThanText() {
    java.util.Date newYear = java.util.Date.from(java.time.Instant.parse("2027-01-01T00:00:00Z"));
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "plannedEvidenceDate",
        Variables.dateValue(newYear)), "« Date prévue du dépôt complet des preuves » est une date : envoyez-la en texte"
        + " sous la forme « AAAA-MM-JJ », comme 2027-03-31, pas en valeur de type Date");
    refused("pecan", with(pecan(), "plannedEvidenceDate", 20270101), "sous la forme « AAAA-MM-JJ »", "Integer");

    ProcessInstance dossier = startApplication("alice", "ans-certification", Candidatures.valid());
    Object planned = runtimeService.getVariable(dossier.getId(), "plannedEvidenceDate");
    String taskId = task(dossier, "Task_DepositAdministrativeDossier").getId();
    assertThatThrownBy(() -> complete("alice", dossier, "Task_DepositAdministrativeDossier",
        Map.of("depositAction", "DRAFT", "plannedEvidenceDate", newYear))).isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("« Date prévue du dépôt complet des preuves » est une date : envoyez-la en texte sous la"
            + " forme « AAAA-MM-JJ »");
    assertThat(task(dossier, "Task_DepositAdministrativeDossier").getId()).as("the task stays open").isEqualTo(taskId);
    assertThat(runtimeService.getVariable(dossier.getId(), "plannedEvidenceDate")).isEqualTo(planned)
        .isInstanceOf(String.class);
  }

  /**
   * A text field takes text, as form-js sends it: through the REST API « Version du logiciel » sent as the number 2.1,
   * or an optional « Raison sociale » as 12345, started the dossier and stayed a number, and its evidence page then
   * answered 500 to the vendor (a cast to text), so she could never deposit. Tried at the start (a Double, an Integer, a
   * JSON value) and on a task (a Long): refused naming the field, nothing started, the task left open, the text kept.
   */
  @Test
  void shouldRefuseATextFieldSentAsAnotherTypeThanText() {
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "softwareVersion", 2.1),
        "« Version du logiciel » est un champ de texte : envoyez-le en texte (type String), pas en valeur de type"
            + " Double");
    refused("ans-certification", with(new HashMap<>(Candidatures.valid()), "companyName", 12345),
        "« Raison sociale » est un champ de texte", "Integer");
    refused("pecan", with(pecan(), "contactName", json("{\"a\":1}")), "« Nom du contact » est un champ de texte",
        "Json");

    ProcessInstance dossier = startApplication("alice", "ans-certification", Candidatures.valid());
    String taskId = task(dossier, "Task_DepositAdministrativeDossier").getId();
    assertThatThrownBy(() -> complete("alice", dossier, "Task_DepositAdministrativeDossier",
        Map.of("depositAction", "DRAFT", "softwareVersion", 3L))).isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("« Version du logiciel » est un champ de texte");
    assertThat(task(dossier, "Task_DepositAdministrativeDossier").getId()).as("the task stays open").isEqualTo(taskId);
    assertThat(runtimeService.getVariable(dossier.getId(), "softwareVersion")).isEqualTo("2.1");
  }

  /** Every date field of every form is judged alike: a Date refused, its text taken (the forms read from the files). */
  @Test
  void shouldJudgeEveryDateFieldOfEveryFormAlike() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<String> judged = new java.util.ArrayList<>();
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("forms"))) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        var fields = fr.parcours.shared.FormFields.parse(json.readTree(file.toFile()));
        for (var field : fields.values()) {
          if ("datetime".equals(field.type())) {
            judged.add(file.getFileName() + " " + field.key());
            assertThat(FormFieldsOnly.valueProblem(fields, Variables.createVariables().putValueTyped(field.key(),
                Variables.dateValue(new java.util.Date())))).as(file + " " + field.key()).get().asString()
                .contains("« AAAA-MM-JJ »", "« " + field.label() + " »");
            assertThat(FormFieldsOnly.valueProblem(fields, Map.of(field.key(), "2027-03-31")))
                .as(file + " " + field.key()).isEmpty();
          }
        }
      }
    }
    assertThat(judged).as("the date fields of the forms").hasSizeGreaterThanOrEqualTo(15);
  }
}
