package fr.parcours.config;

import fr.parcours.shared.BrowserLanguage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of Parcours' own pages (the dossiers' pages), chosen as Tasklist chooses its own
 * ({@code tasklist/scripts/config.js}): English when the browser's first language is English, French for every
 * other browser and for a request that names none. So a person reads the dossier page in the language of the
 * Tasklist it came from.
 */
@Configuration(proxyBeanMethods = false)
class PageLanguage {

  @Bean
  LocaleResolver localeResolver() {
    return new LocaleResolver() {
      @Override
      public Locale resolveLocale(HttpServletRequest request) {
        return BrowserLanguage.of(request.getHeader("Accept-Language"));
      }

      @Override
      public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("The page language follows the browser's first language");
      }
    };
  }
}
