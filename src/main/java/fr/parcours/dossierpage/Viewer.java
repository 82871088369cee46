package fr.parcours.dossierpage;

import fr.parcours.security.Roles;
import java.util.List;
import java.util.Locale;

/**
 * The person a dossier page is written for: who is signed in to the webapps, their groups (a vendor company's,
 * a reviewer group), and the page's language.
 */
public record Viewer(String userId, List<String> groupIds, Locale locale) {

  public Viewer {
    groupIds = List.copyOf(groupIds);
  }

  /** A vendor company's user: sees its company's dossiers, and only what is meant for vendors. */
  public boolean vendor() {
    return Roles.isVendor(groupIds);
  }

  public boolean english() {
    return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
  }
}
