package fr.parcours.candidature;

import static fr.parcours.candidature.CandidatureFixtures.member;
import static fr.parcours.candidature.CandidatureFixtures.validGroupLeadVariables;
import static fr.parcours.candidature.CandidatureFixtures.validVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CandidatureValidatorTest {

  private static final String KBIS = "recopiez les 9 chiffres de l’extrait Kbis de l’entreprise.";

  private final CandidatureValidator validator = new CandidatureValidator();

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> v = validVariables();
    v.put(key, value);
    return v;
  }

  private List<FieldProblem> atStart(Map<String, Object> variables) {
    return frenchOnly(validator.problemsAtStart(Candidature.from(variables)));
  }

  private List<FieldProblem> atSubmission(Map<String, Object> variables) {
    return frenchOnly(validator.problemsAtSubmission(Candidature.from(variables)));
  }

  /** The problems as the French read them (the English is CandidatureWordsTest's). */
  private static List<FieldProblem> frenchOnly(List<FieldProblem> problems) {
    return problems.stream().map(p -> french(p.field(), p.label(), p.message())).toList();
  }

  private static FieldProblem french(String field, String label, String message) {
    return new FieldProblem(field, label, CandidatureWords.same(message));
  }

  @Test
  void shouldAcceptValidCandidature() {
    assertThat(atStart(validVariables())).isEmpty();
    assertThat(atSubmission(validVariables())).isEmpty();
  }

  /** Bad inputs from the attack: text sent as bytes or JSON, invisible text, a list of 200,000 choices. */
  @Test
  void shouldRefuseTextSentAsAnotherType() {
    assertThat(atStart(with("companyName", "MediSoft SAS".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .containsExactly(french("companyName", "Raison sociale", "Le champ « Raison sociale » n’a pas pu"
            + " être lu : ce n’est pas du texte (la valeur a été envoyée sous un autre type) : saisissez-la dans le"
            + " champ du formulaire."));
    assertThat(atStart(with("contactEmail", org.camunda.spin.Spin.JSON("{\"to\": \"x@evil.example\"}"))))
        .extracting(FieldProblem::field).containsExactly("contactEmail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B\u200B\u200B", "MediSoft\u202E SAS", "\uFEFFMediSoft SAS", "Medi\u200DSoft"})
  void shouldRefuseInvisibleCharacters(String name) {
    assertThat(atStart(with("companyName", name))).containsExactly(french("companyName", "Raison sociale",
        "Le champ « Raison sociale » contient des caractères invisibles (espaces de largeur nulle, inversions du"
            + " sens d’écriture...) : saisissez-le de nouveau sans eux."));
  }

  @Test
  void shouldRefuseAChoiceListOfTwoHundredThousandValues() {
    String huge = "[" + String.join(",", java.util.Collections.nCopies(200_000, "\"SOCLE\"")) + "]";
    assertThat(atStart(with("softwareProfiles", huge))).extracting(FieldProblem::message)
        .containsExactly("Le champ « Profils logiciels » n’a pas pu être lu : la liste compte 200000 valeurs, alors"
            + " que le formulaire en propose quelques-unes : choisissez-les dans le formulaire.");
  }

  @Test
  void shouldAcceptValidGroupLeadCandidature() {
    assertThat(atSubmission(validGroupLeadVariables())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"552100554", "732829320", "356000000", "443061841", "443 061 841", "552\u00A0100\u00A0554"})
  void shouldAcceptRealSirens(String siren) {
    assertThat(atStart(with("siren", siren))).isEmpty();
  }

  @Test
  void shouldRefuseSirenWithBadChecksum() {
    assertThat(atStart(with("siren", "123456789")))
        .containsExactly(french("siren", "SIREN", "Le SIREN « 123456789 » a une clé de contrôle fausse : "
            + KBIS));
  }

  @Test
  void shouldRefuseSirenWithLetters() {
    assertThat(atStart(with("siren", "55210O554")))
        .containsExactly(french("siren", "SIREN", "Le SIREN doit compter exactement 9 chiffres : "
            + "« 55210O554 » contient d’autres caractères que des chiffres et des espaces ; " + KBIS));
  }

  @ParameterizedTest
  @MethodSource
  void shouldRefuseSirenWithWrongNumberOfDigits(String siren, int digits) {
    assertThat(atStart(with("siren", siren)))
        .containsExactly(french("siren", "SIREN", "Le SIREN doit compter exactement 9 chiffres : « "
            + siren + " » en compte " + digits + " ; " + KBIS));
  }

  static Stream<Arguments> shouldRefuseSirenWithWrongNumberOfDigits() {
    return Stream.of(Arguments.of("55210055", 8), Arguments.of("12345", 5), Arguments.of("5521005540", 10),
        Arguments.of("552 100 55", 8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"claire.martintelesuivi.fr", "claire martin@telesuivi.fr", "claire@telesuivi",
      "@telesuivi.fr", "claire@@telesuivi.fr", "claire..martin@telesuivi.fr", "claire@telesuivi.fr, paul@x.fr"})
  void shouldRefuseMalformedEmail(String email) {
    assertThat(atStart(with("contactEmail", email)))
        .extracting(FieldProblem::field, FieldProblem::label, FieldProblem::message)
        .containsExactly(tuple("contactEmail", "Courriel du contact", "« " + email + " » n’est pas une adresse "
            + "électronique valide : saisissez une seule adresse, comme jeanne.dupont@entreprise.fr, sans espaces."));
  }

  @Test
  void shouldRefuseEmailWithHeaderInjection() {
    assertThat(atStart(with("legalRepEmail", "a@b.fr\r\nBcc: x@y.fr")))
        .containsExactly(french("legalRepEmail", "Courriel du représentant légal",
            "Le champ « Courriel du représentant légal » doit tenir sur une ligne : retirez les retours à la ligne et"
                + " autres caractères de contrôle."));
  }

  @Test
  void shouldRefuseTooLongEmail() {
    String email = "a".repeat(60) + "@" + ("b".repeat(60) + ".").repeat(4) + "fr";
    assertThat(atStart(with("contactEmail", email)))
        .extracting(FieldProblem::message)
        .containsExactly("Le champ « Courriel du contact » est trop long (" + email.length() + " caractères) : "
            + "raccourcissez-le à 254 caractères au plus.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01 23 45 67 89", "0123456789", "01.23.45.67.89", "01-23-45-67-89", "+33 1 23 45 67 89",
      "+33 (0)6 12 34 56 78", "+49 30 1234567"})
  void shouldAcceptPhones(String phone) {
    assertThat(atStart(with("contactPhone", phone))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"01 23 45 67", "1234567890", "01 23 45 67 89 0", "+33 1 23", "06 12 34 56 78 ext 2",
      "0033 1 23 45 67 89x", "+33 1 23 45 67 89 +1", "tel: 0123456789", "01/23/45/67/89"})
  void shouldRefuseMalformedPhone(String phone) {
    assertThat(atStart(with("legalRepPhone", phone)))
        .containsExactly(french("legalRepPhone", "Téléphone du représentant légal", "« " + phone
            + " » n’est pas un numéro de téléphone : saisissez un numéro français de 10 chiffres commençant par 0"
            + " (01 23 45 67 89) ou un numéro international commençant par + (+33 1 23 45 67 89)."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"companyName", "representativeName", "contactName", "softwareName", "softwareVersion",
      "nie", "nil", "basicUdiDi", "legalForm", "representativeRole", "legalRepName"})
  void shouldRefuseLineBreaksInSingleLineFields(String key) {
    assertThat(atStart(with(key, "Acme\nBcc: x@y.fr")))
        .extracting(FieldProblem::field, FieldProblem::message)
        .containsExactly(tuple(key, "Le champ « " + CandidatureFields.label(key) + " » doit tenir sur une ligne :"
            + " retirez les retours à la ligne et autres caractères de contrôle."));
  }

  @Test
  void shouldAcceptLineBreaksInTextareas() {
    assertThat(atStart(with("headOffice", "12 rue des Lilas\r\n75015 Paris"))).isEmpty();
  }

  @Test
  void shouldRefuseControlCharactersInTextareas() {
    assertThat(atStart(with("connectedObjects", "Tensiomètre\u0000")))
        .containsExactly(french("connectedObjects", "Objets connectés",
            "Le champ « Objets connectés » contient des caractères de contrôle : retirez-les (les retours à la ligne"
                + " sont permis)."));
  }

  @Test
  void shouldRefuseTooLongTexts() {
    assertThat(atStart(with("companyName", "x".repeat(201))))
        .containsExactly(french("companyName", "Raison sociale",
            "Le champ « Raison sociale » est trop long (201 caractères) : raccourcissez-le à 200 caractères au plus."));
    assertThat(atStart(with("headOffice", "x".repeat(4000)))).isEmpty();
    assertThat(atStart(with("headOffice", "x".repeat(4001))))
        .extracting(FieldProblem::message)
        .containsExactly("Le champ « Siège social » est trop long (4001 caractères) : raccourcissez-le à 4000 "
            + "caractères au plus.");
  }

  @ParameterizedTest
  @MethodSource
  void shouldRefuseMissingRequiredField(String key, String message) {
    Map<String, Object> variables = validVariables();
    variables.remove(key);
    assertThat(atStart(variables))
        .containsExactly(french(key, CandidatureFields.label(key), message));
    assertThat(atStart(with(key, "  "))).extracting(FieldProblem::field).containsExactly(key);
  }

  static Stream<Arguments> shouldRefuseMissingRequiredField() {
    return Stream.of(
        Arguments.of("companyName", "La raison sociale manque : saisissez-la telle qu’écrite sur l’extrait Kbis "
            + "de l’entreprise."),
        Arguments.of("legalForm", "La forme juridique manque : saisissez-la (SAS, SARL...) avec le capital social "
            + "le cas échéant."),
        Arguments.of("headOffice", "Le siège social manque : saisissez l’adresse du siège social de l’entreprise."),
        Arguments.of("siren", "Le SIREN manque : recopiez les 9 chiffres de l’extrait Kbis de l’entreprise."),
        Arguments.of("representativeName", "Le nom du représentant manque : saisissez le prénom et le nom de la "
            + "personne qui représente l’entreprise pour cette demande."),
        Arguments.of("representativeRole", "La fonction du représentant manque : saisissez sa fonction dans "
            + "l’entreprise (par exemple président-directeur général)."),
        Arguments.of("applicantKind", "Le type de candidat manque : choisissez exploitant unique du dispositif ou "
            + "chef de file d’un groupement d’entreprises."),
        Arguments.of("legalRepName", "Le nom du représentant légal manque : saisissez le prénom et le nom du "
            + "représentant légal de l’entreprise."),
        Arguments.of("legalRepEmail", "Le courriel du représentant légal manque : saisissez son adresse "
            + "électronique."),
        Arguments.of("legalRepPhone", "Le téléphone du représentant légal manque : saisissez son numéro de "
            + "téléphone."),
        Arguments.of("contactName", "Le nom du contact manque : saisissez la personne à qui l’ANS doit écrire au "
            + "sujet de cette demande."),
        Arguments.of("contactEmail", "Le courriel du contact manque : saisissez son adresse électronique."),
        Arguments.of("contactPhone", "Le téléphone du contact manque : saisissez son numéro de téléphone."),
        Arguments.of("softwareName", "Le nom du logiciel manque : saisissez le nom du composant logiciel principal "
            + "du dispositif."),
        Arguments.of("softwareVersion", "La version du logiciel manque : saisissez la version du composant "
            + "logiciel principal à certifier."),
        Arguments.of("plannedEvidenceDate", "La date prévue du dépôt complet des preuves manque : saisissez la "
            + "date à laquelle vous pensez avoir déposé toutes les preuves (pour information seulement)."),
        Arguments.of("softwareProfiles", "Aucun profil logiciel n’est choisi : choisissez-en au moins un ; ce choix "
            + "est définitif et décide des exigences qui s’appliquent."),
        Arguments.of("deviceClass", "La classe du dispositif manque : choisissez-la telle qu’indiquée dans la "
            + "déclaration de marquage CE du dispositif."));
  }

  @Test
  void shouldAcceptMissingOptionalFields() {
    Map<String, Object> variables = validVariables();
    List.of("nie", "nil", "basicUdiDi", "connectedObjects", "representativeCivility", "correspondenceLanguage",
        "additionalComponents", "groupMembers", "hasConvergenceAccount", "plannedDatePublishable", "handlesIns")
        .forEach(variables::remove);
    assertThat(atStart(variables)).isEmpty();
  }

  @Test
  void shouldRefuseEmptyProfileList() {
    assertThat(atStart(with("softwareProfiles", "[]"))).extracting(FieldProblem::field)
        .containsExactly("softwareProfiles");
  }

  @ParameterizedTest
  @ValueSource(booleans = false)
  void shouldRefuseDeviceWithoutCeMarking(boolean ceMarked) {
    String message = "Le dispositif doit être marqué CE avant que sa certification puisse commencer (règlements "
        + "(UE) 2017/745 et 2017/746). Obtenez d’abord le marquage CE, puis recommencez la demande.";
    assertThat(atStart(with("ceMarked", ceMarked)))
        .containsExactly(french("ceMarked", "Le dispositif est marqué CE", message));
    assertThat(atStart(with("ceMarked", "false"))).extracting(FieldProblem::message).containsExactly(message);
    assertThat(atStart(with("ceMarked", null))).extracting(FieldProblem::message).containsExactly(message);
  }

  @Test
  void shouldAcceptCeMarkingAsString() {
    assertThat(atStart(with("ceMarked", "true"))).isEmpty();
  }

  @Test
  void shouldRefuseUnreadableBoolean() {
    assertThat(atStart(with("ceMarked", "maybe")))
        .containsExactly(french("ceMarked", "Le dispositif est marqué CE",
            "Le champ « Le dispositif est marqué CE » n’a pas pu être lu :"
            + " vrai ou faux attendu, « maybe » reçu : cochez ou décochez la case dans le formulaire."));
  }

  @Test
  void shouldRefuseGroupLeadWithoutMembers() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.remove("groupMembers");
    assertThat(atStart(variables))
        .containsExactly(french("groupMembers", "Membres du groupement", "Un chef de file doit lister "
            + "chaque membre du groupement (raison sociale, siège social, SIREN, NIE le cas échéant, représentant) : "
            + "ajoutez une ligne par entreprise membre, ou choisissez exploitant unique du dispositif."));
    variables.put("groupMembers", "[]");
    assertThat(atStart(variables)).extracting(FieldProblem::field).containsExactly("groupMembers");
  }

  @Test
  void shouldRefuseMemberWithBadSiren() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(member("Hôpital Numérique SA", "732829320"),
        member("Capteurs de France", "443061842")));
    assertThat(atStart(variables))
        .containsExactly(french("groupMembers[2].memberSiren", "Membre 2 du groupement : SIREN",
            "Le SIREN « 443061842 » a une clé de contrôle fausse : recopiez les 9 chiffres de l’extrait Kbis de "
                + "l’entreprise membre."));
  }

  @Test
  void shouldRefuseMemberWithTheLeadsSiren() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(member("Télésuivi Santé", "552100554")));
    assertThat(atStart(variables))
        .containsExactly(french("groupMembers[1].memberSiren", "Membre 1 du groupement : SIREN",
            "Le SIREN du membre 1 est celui du chef de file : ne listez ici que les autres entreprises du groupement."));
  }

  @Test
  void shouldRefuseSameMemberTwice() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(member("A", "732829320"), member("B", "443061841"),
        member("A again", "732 829 320")));
    assertThat(atStart(variables))
        .containsExactly(french("groupMembers[3].memberSiren", "Membre 3 du groupement : SIREN",
            "Le SIREN du membre 3 répète celui du membre 1 : listez chaque entreprise membre une seule fois."));
  }

  @Test
  void shouldRefuseIncompleteMember() {
    Map<String, Object> variables = validGroupLeadVariables();
    variables.put("groupMembers", List.of(Map.of("memberNie", "X\nY")));
    assertThat(atStart(variables))
        .extracting(FieldProblem::field, FieldProblem::label)
        .containsExactly(
            tuple("groupMembers[1].memberName", "Membre 1 du groupement : raison sociale"),
            tuple("groupMembers[1].memberHeadOffice", "Membre 1 du groupement : siège social"),
            tuple("groupMembers[1].memberSiren", "Membre 1 du groupement : SIREN"),
            tuple("groupMembers[1].memberNie", "Membre 1 du groupement : NIE"),
            tuple("groupMembers[1].memberRepresentative", "Membre 1 du groupement : représentant"));
  }

  @Test
  void shouldIgnoreMembersOfSingleOperator() {
    assertThat(atStart(with("groupMembers", List.of(Map.of("memberName", "left over"))))).isEmpty();
  }

  @Test
  void shouldRefuseProfileRiWithoutNie() {
    Map<String, Object> variables = with("softwareProfiles", List.of("SOCLE", "RI"));
    variables.put("nil", "NIL-7");
    variables.remove("nie");
    assertThat(atStart(variables))
        .containsExactly(french("nie", "NIE", "Le profil RI (référentiel identité) exige le NIE et le "
            + "NIL délivrés par le CNDA lors de l’homologation : saisissez le NIE (numéro d’identification de "
            + "l’éditeur), ou retirez le profil RI si le dispositif n’utilise pas le référentiel identité."));
  }

  @Test
  void shouldRefuseProfileRiWithoutNil() {
    assertThat(atStart(with("softwareProfiles", List.of("SOCLE", "RI"))))
        .containsExactly(french("nil", "NIL", "Le profil RI (référentiel identité) exige le NIE et le "
            + "NIL délivrés par le CNDA lors de l’homologation : saisissez le NIL (numéro d’identification du "
            + "logiciel), ou retirez le profil RI si le dispositif n’utilise pas le référentiel identité."));
  }

  @Test
  void shouldAcceptProfileRiWithNieAndNil() {
    Map<String, Object> variables = with("softwareProfiles", List.of("SOCLE", "RI"));
    variables.put("nil", "NIL-7");
    assertThat(atStart(variables)).isEmpty();
  }

  @Test
  void shouldRefuseUnknownProfile() {
    assertThat(atStart(with("softwareProfiles", List.of("SOCLE", "TELEPORT"))))
        .containsExactly(french("softwareProfiles", "Profils logiciels",
            "Le profil logiciel « TELEPORT » est inconnu : choisissez parmi SOCLE, RI, MSS, DMP."));
  }

  @ParameterizedTest
  @MethodSource
  void shouldRefuseUnknownChoice(String key, String value, String message) {
    assertThat(atStart(with(key, value)))
        .containsExactly(french(key, CandidatureFields.label(key), message));
  }

  static Stream<Arguments> shouldRefuseUnknownChoice() {
    return Stream.of(
        Arguments.of("deviceClass", "IV", "La valeur « IV » du champ « Classe du dispositif » est inconnue : "
            + "choisissez Classe I, Classe IIa, Classe IIb ou Classe III (valeurs I, IIA, IIB, III)."),
        Arguments.of("correspondenceLanguage", "DE", "La valeur « DE » du champ « Langue de correspondance » est "
            + "inconnue : choisissez Français ou English (valeurs FR, EN)."),
        Arguments.of("representativeCivility", "DR", "La valeur « DR » du champ « Civilité du représentant » est "
            + "inconnue : choisissez M. ou Mme (valeurs MR, MS)."),
        Arguments.of("applicantKind", "CONSORTIUM", "La valeur « CONSORTIUM » du champ « L’entreprise candidate en "
            + "tant que » est inconnue : choisissez exploitant unique du dispositif (SINGLE_OPERATOR) ou chef de "
            + "file d’un groupement d’entreprises (GROUP_LEAD)."));
  }

  @Test
  void shouldRefuseIncompleteAdditionalComponent() {
    assertThat(atStart(with("additionalComponents", "[{\"componentName\": \"Portail\"}, {}]")))
        .containsExactly(
            french("additionalComponents[1].componentVersion",
                "Composant supplémentaire 1 : version du composant",
                "La version du composant manque : saisissez la version à certifier."),
            french("additionalComponents[2].componentName", "Composant supplémentaire 2 : nom du composant",
                "Le nom du composant manque : saisissez-le, ou supprimez la ligne vide."),
            french("additionalComponents[2].componentVersion",
                "Composant supplémentaire 2 : version du composant",
                "La version du composant manque : saisissez la version à certifier."));
  }

  @Test
  void shouldRefuseUnreadableDate() {
    assertThat(atStart(with("plannedEvidenceDate", "31/03/2026")))
        .containsExactly(french("plannedEvidenceDate", "Date prévue du dépôt complet des preuves",
            "Le champ « Date prévue du dépôt complet des preuves » n’a pas pu être lu : « 31/03/2026 » n’est pas "
                + "une date : choisissez la date dans le calendrier du formulaire (aaaa-mm-jj)."));
  }

  @Test
  void shouldRefuseMissingDocumentsAtSubmissionOnly() {
    Map<String, Object> variables = validGroupLeadVariables();
    List.of("docFunctional", "docPersonalData", "docHealthDataHosting", "docCeDeclaration", "docNotifiedBody",
        "docMandates").forEach(key -> variables.put(key, false));
    assertThat(atStart(variables)).isEmpty();
    assertThat(atSubmission(variables))
        .extracting(FieldProblem::field, FieldProblem::label)
        .containsExactly(
            tuple("docFunctional", "Documentation fonctionnelle"),
            tuple("docPersonalData", "Déclaration de protection des données personnelles"),
            tuple("docHealthDataHosting", "Déclaration d’hébergement des données de santé ou certificat HDS"),
            tuple("docCeDeclaration", "Déclaration de marquage CE"),
            tuple("docNotifiedBody", "Certificat de l’organisme notifié"),
            tuple("docMandates", "Mandats des membres du groupement"));
    assertThat(atSubmission(variables).get(0).message()).isEqualTo("Document non fourni : « Documentation "
        + "fonctionnelle ». Fournissez-le à l’ANS, puis cochez sa case dans le dossier administratif.");
  }

  @Test
  void shouldNotRequireNotifiedBodyCertificateForClassI() {
    Map<String, Object> variables = with("deviceClass", "I");
    variables.put("docNotifiedBody", false);
    assertThat(atSubmission(variables)).isEmpty();
    variables.put("deviceClass", "IIB");
    assertThat(atSubmission(variables)).extracting(FieldProblem::field).containsExactly("docNotifiedBody");
  }

  @Test
  void shouldNotRequireMandatesFromSingleOperator() {
    assertThat(atSubmission(with("docMandates", false))).isEmpty();
  }

  @Test
  void shouldIncludeStartProblemsAtSubmission() {
    assertThat(atSubmission(with("siren", "123456789"))).extracting(FieldProblem::field).containsExactly("siren");
  }

  @Test
  void shouldThrowReadableExceptionWhenChecked() {
    Map<String, Object> variables = with("siren", "123456789");
    variables.put("contactEmail", "paul");
    assertThatThrownBy(() -> validator.checkAtStart(Candidature.from(variables)))
        .isInstanceOf(CandidatureRejectedException.class)
        .hasMessage("La candidature ne peut pas être acceptée : SIREN : Le SIREN « 123456789 » a une clé de "
            + "contrôle fausse : recopiez les 9 chiffres de l’extrait Kbis de l’entreprise ; Courriel du contact : "
            + "« paul » n’est pas une adresse électronique valide : saisissez une seule adresse, comme "
            + "jeanne.dupont@entreprise.fr, sans espaces.")
        .satisfies(e -> assertThat(((CandidatureRejectedException) e).problems()).hasSize(2));
  }

  @Test
  void shouldNotQuoteMarkupOrControlCharactersBack() {
    Map<String, Object> variables = new HashMap<>(validVariables());
    variables.put("softwareProfiles", List.of("<b>X</b>"));
    assertThat(atStart(variables)).extracting(FieldProblem::message)
        .containsExactly("Le profil logiciel « ?b?X?/b? » est inconnu : choisissez parmi SOCLE, RI, MSS, DMP.");
  }
}
