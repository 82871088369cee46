package fr.parcours.config;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Parcours started from Spring's ahead-of-time processing ({@code java -Dspring.aot.enabled=true -jar}: the beans
 * and their conditions worked out by {@code mvn package}, for the profiles of the build, the production's unless
 * {@code -Daot.profiles} says otherwise). Two things, before any bean is made:
 * <ul>
 *   <li>during the processing (Spring Boot sets {@code spring.aot.processing}): the Camunda starter declares its
 *   engine settings ({@code camundaProcessEngineConfiguration}, {@code camundaJobConfiguration}...) as static
 *   methods returning an interface, while the classes they make receive {@code CamundaBpmProperties} in an
 *   {@code @Autowired} field, which the processing cannot see from the interface: the engine then failed to build
 *   ({@code DefaultProcessEngineConfiguration.setProcessEngineName}: {@code camundaBpmProperties} is null). Each
 *   such bean is made instead by the constructor of the class its method makes (read by calling the method: a
 *   plain constructor, no argument), in place, so the engine plugins keep their order;</li>
 *   <li>at a start from the processing: the demo profile asked of a build made without it is refused, saying
 *   why (its users, data and mailbox are beans of that profile, which such a build does not have, and the start
 *   would otherwise go on without them), and so is a build made for the demo started without asking for it
 *   (it would make the demo's users).</li>
 * </ul>
 * Does nothing at an ordinary start.
 */
@Component
class AheadOfTimeStart implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

  /** The bean of the demo profile that makes its users and data ({@code demo.DemoData}). */
  static final String DEMO_BEAN = "demoData";
  private static final String CAMUNDA_STARTER = "org.camunda.bpm.spring.boot.starter.";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (Boolean.getBoolean("spring.aot.processing")) {
      for (String name : registry.getBeanDefinitionNames()) {
        BeanDefinition definition = registry.getBeanDefinition(name);
        // a static @Bean method's definition: its class is the configuration, no factory bean
        if (definition instanceof RootBeanDefinition root && root.getFactoryMethodName() != null
            && root.getFactoryBeanName() == null && root.getBeanClassName() != null
            && root.getBeanClassName().startsWith(CAMUNDA_STARTER)) {
          madeByItsClass(root);
        }
      }
      if (registry instanceof ConfigurableListableBeanFactory beanFactory) {
        beanFactory.clearMetadataCache();
      }
    } else if (AotDetector.useGeneratedArtifacts()) {
      String refusal = refusal(environment, registry.containsBeanDefinition(DEMO_BEAN));
      if (refusal != null) {
        throw new IllegalStateException(refusal);
      }
    }
  }

  /**
   * Why a start from the processing must not go on, or null: the demo asked of a package processed without it, or a
   * package processed for the demo started without asking for it (the processing adds its profiles to the start's:
   * the demo's users, whose password is their login, would be made on a production database).
   */
  static String refusal(Environment environment, boolean demoBeans) {
    boolean asked = List.of(environment.getProperty("spring.profiles.active", "").split(",")).stream()
        .map(String::strip).anyMatch("demo"::equals);
    if (asked && !demoBeans) {
      return "Le profil demo est demandé, mais ce paquet a été précompilé sans lui (mvn package prépare le"
          + " démarrage précompilé de la production) : avec -Dspring.aot.enabled=true, Parcours démarrerait sans"
          + " les utilisateurs, les données ni la boîte aux lettres de démonstration. Démarrez la démonstration"
          + " sans -Dspring.aot.enabled=true, ou construisez le paquet avec -Daot.profiles=demo.";
    }
    if (!asked && demoBeans) {
      return "Ce paquet a été précompilé pour la démonstration (-Daot.profiles=demo) : avec"
          + " -Dspring.aot.enabled=true, il créerait les utilisateurs de démonstration, dont le mot de passe est"
          + " l’identifiant, alors que le profil demo n’est pas demandé (spring.profiles.active). Reconstruisez le"
          + " paquet sans -Daot.profiles=demo (mvn package), ou démarrez-le sans -Dspring.aot.enabled=true.";
    }
    return null;
  }

  private static void madeByItsClass(RootBeanDefinition definition) {
    Class<?> configuration = ClassUtils.resolveClassName(definition.getBeanClassName(),
        AheadOfTimeStart.class.getClassLoader());
    Method method = ReflectionUtils.findMethod(configuration, definition.getFactoryMethodName());
    if (method == null || !Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0) {
      return;
    }
    Class<?> declared = method.getReturnType();
    if (!declared.isInterface() && !Modifier.isAbstract(declared.getModifiers())) {
      return;
    }
    ReflectionUtils.makeAccessible(method);
    Object made = ReflectionUtils.invokeMethod(method, null);
    if (made != null) {
      definition.setBeanClass(ClassUtils.getUserClass(made));
      definition.setFactoryMethodName(null);
      definition.setResolvedFactoryMethod(null);
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
  }
}
