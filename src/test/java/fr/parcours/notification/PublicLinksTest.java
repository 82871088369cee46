package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The links of the mails start with the address vendors open Parcours at, which production must set. */
class PublicLinksTest {

  @Test
  void shouldRefuseToStartWithoutTheAddressAndSayWhichSettingToSet() {
    // bad inputs: no setting, a blank one, an address without its scheme, another scheme
    for (MockEnvironment unset : List.of(new MockEnvironment(),
        new MockEnvironment().withProperty(PublicLinks.PROPERTY, "  "))) {
      assertThatThrownBy(() -> new PublicLinks(unset)).isInstanceOf(IllegalStateException.class)
          .hasMessage("Le réglage parcours.public-url est vide : donnez à PARCOURS_PUBLIC_URL l’adresse où les"
              + " industriels ouvrent Parcours (par exemple https://parcours.example.fr), par laquelle commencent les"
              + " liens des courriels, puis redémarrez.");
    }
    for (String url : List.of("parcours.fr", "ftp://parcours.fr")) {
      assertThatThrownBy(() -> new PublicLinks(new MockEnvironment().withProperty(PublicLinks.PROPERTY, url)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Le réglage parcours.public-url vaut « " + url + " », qui n’est pas une adresse http(s) comme"
              + " https://parcours.example.fr : corrigez PARCOURS_PUBLIC_URL, puis redémarrez.");
    }
  }

  @Test
  void shouldLinkTheDossiersTaskItsEvidencePageAndTasklist() {
    PublicLinks links = new PublicLinks(new MockEnvironment()
        .withProperty(PublicLinks.PROPERTY, "https://parcours.example.fr/"));
    assertThat(links.dossierTask("DMN-2026-7KQ3F")).isEqualTo("https://parcours.example.fr/dossiers/DMN-2026-7KQ3F/tache");
    // a mail of one part of the dossier names it, so that its link opens that part's task
    assertThat(links.dossierTask("DMN-2026-7KQ3F", "sesame-filing"))
        .isEqualTo("https://parcours.example.fr/dossiers/DMN-2026-7KQ3F/tache/sesame-filing");
    assertThat(links.dossierTask("DMN-2026-7KQ3F", null)).isEqualTo("https://parcours.example.fr/dossiers/DMN-2026-7KQ3F/tache");
    assertThat(links.evidence("DMN-2026-7KQ3F")).isEqualTo("https://parcours.example.fr/evidence/DMN-2026-7KQ3F");
    assertThat(links.tasklistTask("42")).isEqualTo("https://parcours.example.fr/camunda/app/tasklist/default/#/?task=42");
  }

  /** Production (no demo profile) takes it from the environment only: no default that would point elsewhere. */
  @Test
  void shouldHaveNoDefaultOutsideTheDemo() throws IOException {
    assertThat(Files.readString(Path.of("src/main/resources/application.yml")))
        .contains("public-url: ${PARCOURS_PUBLIC_URL:}");
    assertThat(Files.readString(Path.of("src/main/resources/application-demo.yml")))
        .contains("public-url: http://localhost:${local.server.port:${server.port:8080}}");
  }
}
