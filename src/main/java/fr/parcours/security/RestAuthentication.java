package fr.parcours.security;

import java.time.Clock;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's REST API answers only to an authenticated user (HTTP Basic), and runs each call as that
 * user, so the engine's authorization checks apply to it as they do in the webapps.
 */
@Configuration
class RestAuthentication {

  /** Before any password is checked: wrong ones slow down their address, never lock the account. */
  @Bean
  FilterRegistrationBean<LoginThrottle> loginThrottle(
      @Value("${parcours.login.failures-per-account:5}") int perAccount,
      @Value("${parcours.login.failures-per-address:20}") int perAddress,
      @Value("${parcours.login.longest-wait:PT1H}") Duration longest,
      @Value("${parcours.login.memory:PT24H}") Duration memory) {
    FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(
        new LoginThrottle(perAccount, perAddress, longest, memory, Clock.systemUTC()));
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/evidence/*", "/camunda/api/admin/auth/*",
        "/camunda/api/engine/*");
    registration.setName("login-throttle");
    registration.setOrder(0);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setName("engine-rest-authentication");
    registration.setOrder(1);
    return registration;
  }

  /** The application's own API ({@code /api}, e.g. a dossier's notification journal): same rule. */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> applicationApiAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addUrlPatterns("/api/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.setName("api-authentication");
    registration.setOrder(1);
    return registration;
  }

  /**
   * After the HTTP Basic filters: Cockpit's and Admin's plugin endpoints for their own users only, and the
   * figures summed over every dossier for Cockpit's users only ({@link ApplicationAccessFilter}).
   */
  @Bean
  FilterRegistrationBean<ApplicationAccessFilter> applicationAccess(ProcessEngine engine) {
    FilterRegistrationBean<ApplicationAccessFilter> registration =
        new FilterRegistrationBean<>(new ApplicationAccessFilter(engine));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setName("application-access");
    registration.setOrder(2);
    return registration;
  }
}
