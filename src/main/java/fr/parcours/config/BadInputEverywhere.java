package fr.parcours.config;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Registers {@link BadInputExceptionMapper} and {@link EngineExceptionMapper} in every REST application of the process, the webapps' own engine
 * API included ({@code /camunda/api/engine}, which Tasklist starts processes through and whose classes Camunda
 * fixes): a vendor whose candidature is refused reads our message, not "Cannot instantiate process definition
 * ans-certification:1:…: " before it. Found by Jersey through {@code META-INF/services}.
 */
@ConstrainedTo(RuntimeType.SERVER)
public class BadInputEverywhere implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(BadInputExceptionMapper.class)) {
      context.register(BadInputExceptionMapper.class);
    }
    if (!context.getConfiguration().isRegistered(EngineExceptionMapper.class)) {
      context.register(EngineExceptionMapper.class);
    }
    for (Class<?> unreadable : new Class<?>[] {UnreadableJson.NotJson.class, UnreadableJson.OtherShape.class}) {
      if (!context.getConfiguration().isRegistered(unreadable)) {
        context.register(unreadable);
      }
    }
  }
}
