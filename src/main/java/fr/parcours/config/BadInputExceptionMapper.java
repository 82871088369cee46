package fr.parcours.config;

import fr.parcours.security.LoginThrottle;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Some REST resources (starting a process from its form, for one) wrap every engine exception into a
 * "500 Cannot instantiate process definition ...". When the cause is bad input, the person who sent it gets
 * a 400 and our message alone; a refusal of rights so wrapped (creating a comment answers "Not enough
 * parameters submitted") a 403 and its message; the other faults of the request {@link EngineRefusals} knows
 * their status and a sentence, an id the account cannot see (another company's, or none) a French 404;
 * anything else goes to Camunda's own handler unchanged.
 */
@Provider
@Priority(1)
public class BadInputExceptionMapper implements ExceptionMapper<RestException> {

  private final RestExceptionHandler camunda = new RestExceptionHandler();

  @Context
  private HttpServletRequest request;

  @Override
  public Response toResponse(RestException exception) {
    Response answer = EngineRefusals.answer(exception.getCause());
    if (answer == null) {
      answer = EngineRefusals.conversion(exception.getMessage());
    }
    if (answer == null) {
      answer = EngineRefusals.notFound(exception);
    }
    if (answer == null) {
      answer = EngineRefusals.wrongCurrentPassword(exception);
      if (answer != null && request != null) {
        // a wrong guess at the signed-in user's password: LoginThrottle counts it as a wrong sign-in
        request.setAttribute(LoginThrottle.WRONG_CURRENT_PASSWORD, Boolean.TRUE);
      }
    }
    return answer != null ? answer : camunda.toResponse(exception);
  }
}
