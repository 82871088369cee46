package fr.parcours.config;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;

/**
 * An engine exception that reaches the REST layer unwrapped ("Cannot find task with id ..." when claiming a task
 * that is gone answers 500 out of the box): the faults of the request get their status and a sentence
 * ({@link EngineRefusals}); anything else goes to Camunda's own handler unchanged.
 */
@Provider
@Priority(1)
public class EngineExceptionMapper implements ExceptionMapper<ProcessEngineException> {

  private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

  @Override
  public Response toResponse(ProcessEngineException exception) {
    Response answer = EngineRefusals.answer(exception);
    return answer != null ? answer : camunda.toResponse(exception);
  }
}
