package fr.parcours.config;

import fr.parcours.shared.BadInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.AuthorizationException;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Some REST resources (starting a process from its form, for one) wrap every engine exception into a
 * "500 Cannot instantiate process definition ...". When the cause is bad input, the person who sent it gets
 * a 400 and our message alone; a refusal of rights so wrapped (creating a comment answers "Not enough
 * parameters submitted") a 403 and its message; anything else goes to Camunda's own handler unchanged.
 */
@Provider
@Priority(1)
public class BadInputExceptionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Override
  public Response toResponse(RestException exception) {
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof BadInputException badInput) {
        return Response.status(Response.Status.BAD_REQUEST)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", "BadInputException", "message", badInput.getMessage(), "code", 0))
            .build();
      }
      if (cause instanceof AuthorizationException refused) {
        // a refusal wrapped as "Not enough parameters submitted" (creating a comment does that): say what it is
        return Response.status(Response.Status.FORBIDDEN)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Map.of("type", "AuthorizationException", "message", refused.getMessage(), "code", 0))
            .build();
      }
    }
    return camunda.toResponse(exception);
  }
}
