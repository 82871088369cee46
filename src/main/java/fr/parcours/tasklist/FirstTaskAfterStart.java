package fr.parcours.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import fr.parcours.shared.LookUntil;
import fr.parcours.shared.StepsDue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A dossier started from Tasklist (« Démarrer un processus ») answers once its first task is there. The first task
 * follows a mail step, which the job executor runs in its own transaction a moment after the start; Tasklist reloads
 * the list as soon as the start answers (its filters have « Actualisation automatique », the {@code refresh}
 * property), then only every 10 seconds: the vendor read « Aucune tâche » until then (walk 7). So the start's answer
 * waits, at most {@code parcours.start.first-task-wait}, while the new dossier has no task and a step that is due now
 * (a job) on this node's running job executor; a dossier whose next step waits for someone else or for a date answers
 * at once. Only successful starts wait; nothing in the answer changes. The engine is asked without the caller's
 * rights (this filter runs outside the REST API's authentication): it only waits, it reads out nothing.
 */
class FirstTaskAfterStart extends OncePerRequestFilter {

  /** A start through the engine API, in the webapps (Tasklist's) or under /engine-rest, by id or by key. */
  static final Pattern START = Pattern.compile("^(/camunda/api/engine/engine/[^/]+|/engine-rest(?:/engine/[^/]+)?)"
      + "/process-definition/(?:key/[^/]+(?:/tenant-id/[^/]+)?|[^/]+)/(?:start|submit-form)/?$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LOOK_AGAIN = Duration.ofMillis(100);

  private final ProcessEngine engine;
  private final Duration wait;

  FirstTaskAfterStart(ProcessEngine engine, Duration wait) {
    this.engine = engine;
    this.wait = wait;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return !"POST".equals(request.getMethod()) || !START.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, answer);
      if (answer.getStatus() == HttpServletResponse.SC_OK && answer.getContentSize() > 0) {
        JsonNode started = JSON.readTree(answer.getContentAsByteArray());
        if (started != null && started.hasNonNull("id")) {
          awaitFirstTask(started.get("id").asText());
        }
      }
    } catch (com.fasterxml.jackson.core.JacksonException notJson) {
      // not a started instance: answered as it is
    } finally {
      answer.copyBodyToResponse();
    }
  }

  /** Until the dossier has a task, or no step of it is due now, or the wait is over. */
  void awaitFirstTask(String processInstanceId) {
    ProcessInstance started = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    if (started == null) {
      return; // over already
    }
    // the dossier's first task may be in a track it calls: its parts share the business key
    String dossier = started.getBusinessKey();
    LookUntil.found(wait, LOOK_AGAIN, () -> {
      TaskQuery tasks = engine.getTaskService().createTaskQuery();
      return (dossier == null ? tasks.processInstanceId(processInstanceId)
          : tasks.processInstanceBusinessKey(dossier)).count() > 0 ? Optional.of(true) : Optional.<Boolean>empty();
    }, () -> StepsDue.dueNow(engine, dossier == null ? List.of(processInstanceId) : StepsDue.partsOf(engine, dossier)));
  }

  /** Outside every other filter, so that the REST API's authentication is over when the filter asks the engine. */
  @Configuration
  static class Registration {

    @Bean
    FilterRegistrationBean<FirstTaskAfterStart> firstTaskAfterStart(ProcessEngine engine,
        @Value("${parcours.start.first-task-wait:PT3S}") Duration wait) {
      FilterRegistrationBean<FirstTaskAfterStart> registration =
          new FilterRegistrationBean<>(new FirstTaskAfterStart(engine, wait));
      registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
      registration.setName("first-task-after-start");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }
}
