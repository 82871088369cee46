package fr.parcours.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The links of the mails start with the address vendors open Parcours at, which production must set. */
class PublicLinksTest {

  @Test
  void shouldRefuseToStartWithoutTheAddressAndSayWhichSettingToSet() {
    assertThatThrownBy(() -> new PublicLinks(new MockEnvironment())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PARCOURS_PUBLIC_URL").hasMessageContaining("https://parcours.example.fr");
    assertThatThrownBy(() -> new PublicLinks(new MockEnvironment().withProperty(PublicLinks.PROPERTY, "parcours.fr")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not an http(s) address");
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
