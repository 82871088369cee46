package fr.parcours.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The demo users' names are what Tasklist shows beside every claimed task and in its header, on French pages:
 * the role each name carries is written in French (a walk found "Marc Roux (Ministry)" on the ministers' tasks).
 */
class DemoDataTest {

  @Test
  void shouldNameEveryDemoUsersRoleInFrench() {
    assertThat(DemoData.USERS).extracting(user -> user.firstName() + " " + user.lastName()).containsExactly(
        "Alice Martin (MediSoft)", "Bruno Leroy (TéléCardio)", "Ana Durand (ANS)", "Odile Bernard (audit ANS)",
        "Hugo Petit (guichet HAS)", "Claire Moreau (CNEDiMTS)", "Marc Roux (ministères)", "Nadia Fournier (CNAM)",
        "Paul Girard (responsable de processus)", "Admin Parcours");
  }
}
