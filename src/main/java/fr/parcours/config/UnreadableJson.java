package fr.parcours.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * A request body that is not JSON, or not the JSON the endpoint reads ({@code "variables": 5}): the REST API
 * answered Jackson's own text, in English, naming Java classes ("Cannot deserialize value of type
 * `java.util.LinkedHashMap<…VariableValueDto>`"). Now a 400 in the API's error shape that says what to send.
 */
public final class UnreadableJson {

  static final String MESSAGE = "Le corps de la requête n’est pas du JSON que cette adresse lit : envoyez un objet"
      + " JSON bien formé, comme Tasklist l’envoie, par exemple {\"variables\": {\"softwareName\": {\"value\":"
      + " \"CardioSuivi\"}}} ; ou remplissez le formulaire dans Tasklist. (The request body is not JSON that this"
      + " address reads: send a well-formed JSON object, as Tasklist sends it.)";

  private UnreadableJson() {
  }

  static Response refusal() {
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", "InvalidRequestException", "message", MESSAGE, "code", 0)).build();
  }

  /** Not JSON at all: cut short, a missing brace. */
  @Provider
  @Priority(1)
  public static class NotJson implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException exception) {
      return refusal();
    }
  }

  /** JSON, but not of the shape the endpoint reads. */
  @Provider
  @Priority(1)
  public static class OtherShape implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException exception) {
      return refusal();
    }
  }
}
