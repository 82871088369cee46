package fr.parcours.candidature;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A complete, valid candidature as the forms submit it, to be spoiled one field at a time. */
final class CandidatureFixtures {

  private CandidatureFixtures() {
  }

  static Map<String, Object> validVariables() {
    Map<String, Object> v = new HashMap<>();
    v.put("ceMarked", true);
    v.put("deviceClass", "IIA");
    v.put("hasConvergenceAccount", false);
    v.put("correspondenceLanguage", "FR");
    v.put("companyName", "Télésuivi Santé");
    v.put("legalForm", "SAS au capital de 10 000 €");
    v.put("headOffice", "12 rue des Lilas\n75015 Paris");
    v.put("siren", "552 100 554");
    v.put("nie", "NIE-0042");
    v.put("representativeCivility", "MS");
    v.put("representativeName", "Claire Martin");
    v.put("representativeRole", "Présidente");
    v.put("applicantKind", "SINGLE_OPERATOR");
    v.put("legalRepName", "Claire Martin");
    v.put("legalRepEmail", "claire.martin@telesuivi.fr");
    v.put("legalRepPhone", "01 23 45 67 89");
    v.put("contactName", "Paul Durand");
    v.put("contactEmail", "paul.durand@telesuivi.fr");
    v.put("contactPhone", "+33 6 12 34 56 78");
    v.put("softwareName", "CardioSuivi");
    v.put("softwareVersion", "2.4.1");
    v.put("basicUdiDi", "3701234CARDIO01");
    v.put("connectedObjects", "Tensiomètre TX-1 (3701234TX1)\nBalance BX-2 (3701234BX2)");
    v.put("plannedEvidenceDate", "2026-03-31");
    v.put("plannedDatePublishable", true);
    v.put("softwareProfiles", List.of("SOCLE", "MSS"));
    v.put("handlesIns", true);
    v.put("additionalComponents", List.of(Map.of("componentName", "CardioSuivi Mobile", "componentVersion", "1.3")));
    v.put("docFunctional", true);
    v.put("docPersonalData", true);
    v.put("docHealthDataHosting", true);
    v.put("docCeDeclaration", true);
    v.put("docNotifiedBody", true);
    v.put("docMandates", false);
    return v;
  }

  static Map<String, Object> validGroupLeadVariables() {
    Map<String, Object> v = validVariables();
    v.put("applicantKind", "GROUP_LEAD");
    v.put("groupMembers", List.of(
        member("Hôpital Numérique SA", "732829320"),
        member("Capteurs de France", "443 061 841")));
    v.put("docMandates", true);
    return v;
  }

  static Map<String, Object> member(String name, String siren) {
    Map<String, Object> m = new HashMap<>();
    m.put("memberName", name);
    m.put("memberHeadOffice", "1 place de la République, 69001 Lyon");
    m.put("memberSiren", siren);
    m.put("memberRepresentative", "Jean Petit, directeur général");
    return m;
  }
}
