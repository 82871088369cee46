package fr.parcours.candidature;

import static fr.parcours.candidature.CandidatureFixtures.validVariables;
import static org.assertj.core.api.Assertions.assertThat;

import fr.parcours.candidature.Candidature.AdditionalComponent;
import fr.parcours.candidature.Candidature.GroupMember;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidatureTest {

  /** What Camunda Spin's JSON node does: its toString() is the JSON text. */
  private record JsonLike(String json) {
    @Override
    public String toString() {
      return json;
    }
  }

  private static final String MEMBERS_JSON = "[{\"memberName\":\"Hôpital Numérique SA\",\"memberHeadOffice\":"
      + "\"Lyon\",\"memberSiren\":\"732829320\",\"memberRepresentative\":\"Jean Petit\"}]";
  private static final GroupMember MEMBER = new GroupMember("Hôpital Numérique SA", "Lyon", "732829320", null,
      "Jean Petit");

  private static Candidature with(String key, Object value) {
    Map<String, Object> v = validVariables();
    v.put(key, value);
    return Candidature.from(v);
  }

  @Test
  void shouldReadListsGivenAsLists() {
    Candidature c = with("groupMembers", List.of(Map.of("memberName", "Hôpital Numérique SA",
        "memberHeadOffice", "Lyon", "memberSiren", "732829320", "memberRepresentative", "Jean Petit")));
    assertThat(c.groupMembers()).containsExactly(MEMBER);
    assertThat(c.softwareProfiles()).containsExactly("SOCLE", "MSS");
    assertThat(c.additionalComponents()).containsExactly(new AdditionalComponent("CardioSuivi Mobile", "1.3"));
    assertThat(c.unreadableValues()).isEmpty();
  }

  @Test
  void shouldReadListsGivenAsJsonStrings() {
    Map<String, Object> v = validVariables();
    v.put("groupMembers", MEMBERS_JSON);
    v.put("softwareProfiles", "[\"SOCLE\",\"RI\"]");
    v.put("additionalComponents", "[{\"componentName\":\"Portail\",\"componentVersion\":\"3\"}]");
    Candidature c = Candidature.from(v);
    assertThat(c.groupMembers()).containsExactly(MEMBER);
    assertThat(c.softwareProfiles()).containsExactly("SOCLE", "RI");
    assertThat(c.additionalComponents()).containsExactly(new AdditionalComponent("Portail", "3"));
  }

  @Test
  void shouldReadListsGivenAsJsonObjects() {
    Map<String, Object> v = validVariables();
    v.put("groupMembers", new JsonLike(MEMBERS_JSON));
    v.put("softwareProfiles", new JsonLike("[\"DMP\"]"));
    Candidature c = Candidature.from(v);
    assertThat(c.groupMembers()).containsExactly(MEMBER);
    assertThat(c.softwareProfiles()).containsExactly("DMP");
  }

  @Test
  void shouldKeepNotJsonListsAsUnreadable() {
    Candidature c = with("softwareProfiles", "SOCLE, RI");
    assertThat(c.softwareProfiles()).isEmpty();
    assertThat(c.unreadableValues()).containsOnlyKeys("softwareProfiles");
    assertThat(new CandidatureValidator().problemsAtStart(c)).extracting(FieldProblem::message)
        .containsExactly("Le champ « Profils logiciels » n’a pas pu être lu : une liste JSON comme [\"SOCLE\", "
            + "\"RI\"] était attendue, autre chose a été reçu : remplissez-la de nouveau dans le formulaire.");
    assertThat(with("groupMembers", "{\"memberName\":\"x\"}").unreadableValues()).containsOnlyKeys("groupMembers");
    assertThat(with("groupMembers", "[\"x\"]").unreadableValues()).containsOnlyKeys("groupMembers");
  }

  @Test
  void shouldReadBooleansGivenAsStrings() {
    assertThat(with("plannedDatePublishable", "true").plannedDatePublishable()).isTrue();
    assertThat(with("plannedDatePublishable", "FALSE").plannedDatePublishable()).isFalse();
    assertThat(with("plannedDatePublishable", null).plannedDatePublishable()).isFalse();
  }

  @Test
  void shouldReadDatesInEveryForm() {
    LocalDate expected = LocalDate.of(2026, 3, 31);
    assertThat(with("plannedEvidenceDate", "2026-03-31").plannedEvidenceDate()).isEqualTo(expected);
    assertThat(with("plannedEvidenceDate", expected).plannedEvidenceDate()).isEqualTo(expected);
    Date midnightInParis = Date.from(expected.atStartOfDay(ZoneId.of("Europe/Paris")).toInstant());
    assertThat(with("plannedEvidenceDate", midnightInParis).plannedEvidenceDate()).isEqualTo(expected);
    assertThat(with("plannedEvidenceDate", "2026-03-31T00:00:00.000+0200").plannedEvidenceDate()).isEqualTo(expected);
  }

  @Test
  void shouldDefaultCorrespondenceLanguageToFrench() {
    assertThat(with("correspondenceLanguage", null).correspondenceLanguage()).isEqualTo("FR");
    assertThat(with("correspondenceLanguage", "EN").correspondenceLanguage()).isEqualTo("EN");
  }

  @Test
  void shouldReadNumbersAsText() {
    assertThat(with("siren", 552100554L).siren()).isEqualTo("552100554");
  }
}
