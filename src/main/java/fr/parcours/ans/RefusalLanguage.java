package fr.parcours.ans;

import fr.parcours.notification.Language;
import fr.parcours.shared.BrowserLanguage;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** In which languages a vendor reads the refusal of her candidature ({@code candidature.CandidatureWords}). */
public final class RefusalLanguage {

  private RefusalLanguage() {
  }

  /**
   * Whether the vendor reads the refusal in English too, after the French: she chose English in the form
   * ({@code correspondenceLanguage}, which her mails and forms follow), or the browser she sends it from is English
   * (the first language of the request's {@code Accept-Language}, as Tasklist and the dossier pages choose:
   * {@link BrowserLanguage}). A start without a request (a test, the job executor) has the form's choice only.
   */
  public static boolean english(VariableScope candidature) {
    if (Language.of(candidature.getVariable(Language.VARIABLE)) == Language.EN) {
      return true;
    }
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
        && Locale.ENGLISH.equals(BrowserLanguage.of(request.getRequest().getHeader("Accept-Language")));
  }
}
