package fr.parcours.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcours.shared.ServerFault;
import fr.parcours.support.ProcessTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The company of a dossier, read by its group: a group deleted in Admin is said in French, with who mends it. */
class VendorCompaniesTest extends ProcessTestBase {

  @Autowired VendorCompanies vendors;

  @Test
  void shouldFindTheCompanyOfADossierByItsGroup() {
    assertThat(vendors.group(vendors.companyOf("alice").getId()).getType()).isEqualTo(Roles.VENDOR_GROUP_TYPE);
  }

  /** Bad inputs: a group deleted in Admin while its dossier ran ("medisoft-gone"), and no group at all (null). */
  @Test
  void shouldSayInFrenchWhoRecreatesTheGroupOfACompanyDeletedInAdmin() {
    String gone = "medisoft-gone";
    assertThatThrownBy(() -> vendors.group(gone)).isInstanceOf(ServerFault.class)
        .hasMessage("Le groupe de l’entreprise de ce dossier, « " + gone + " », n’existe plus dans Parcours (il a"
            + " été supprimé ou renommé dans Admin) : la tâche ne peut pas être terminée. Rien n’a été enregistré."
            + " L’administrateur de Parcours doit recréer dans Admin le groupe « " + gone + " », de type « vendor »,"
            + " et y remettre les comptes de l’entreprise ; la tâche pourra ensuite être terminée.");
    assertThatThrownBy(() -> vendors.group(null)).isInstanceOf(ServerFault.class)
        .hasMessage("Ce dossier ne nomme pas son entreprise (la variable « vendorGroup » est vide) : la tâche ne peut"
            + " pas être terminée. Rien n’a été enregistré. L’administrateur de Parcours doit la renseigner dans"
            + " Cockpit, avec l’id du groupe de l’entreprise ; la tâche pourra ensuite être terminée.");
  }
}
