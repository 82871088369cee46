package fr.parcours.config;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** The engine's REST API, plus Parcours's answer to bad input. */
@Component
class RestConfiguration extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(BadInputExceptionMapper.class);
    register(EngineExceptionMapper.class);
    register(UnreadableJson.NotJson.class);
    register(UnreadableJson.OtherShape.class);
  }
}
