package fr.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The start-up deployment as the Camunda starter runs it ({@link SpringTransactionsProcessEngineConfiguration}'s
 * deployment of its resources), with {@link ModelDeployment}: files named by their path from the top folders, so
 * that the same files installed in another folder (or packed in a jar) deploy nothing new, a changed file still
 * deploys, and a database whose files were named by absolute path moves over with one deployment and loses nothing.
 */
class ModelDeploymentTest {

  static final List<String> PATTERNS = List.of("classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.dmn",
      "classpath*:forms/**/*.form");
  static final List<String> NAMES = List.of("bpmn/pathways/errand.bpmn", "bpmn/tracks/check.bpmn",
      "forms/pathways/errand/review.form", "forms/tracks/check/review.form");

  /** The diagrams, written once (the model API draws some of their ids at random). */
  static final String ERRAND = Bpmn.convertToString(Bpmn.createExecutableProcess("errand")
      .camundaHistoryTimeToLive(30).startEvent("StartEvent_Errand").userTask("Task_Fill").name("TASK_NAME")
      .camundaFormRef("review-errand").camundaFormRefBinding("latest").endEvent("EndEvent_Done").done());
  static final String CHECK = Bpmn.convertToString(Bpmn.createExecutableProcess("check")
      .camundaHistoryTimeToLive(30).startEvent("StartEvent_Check").userTask("Task_Check").name("Vérifier")
      .camundaFormRef("review-check").camundaFormRefBinding("latest").endEvent("EndEvent_Checked").done());

  @TempDir
  Path temp;

  final String database = "jdbc:h2:mem:model-deployment-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

  @Test
  void shouldNameEachFileByItsPathFromTheTopFoldersAndKeepTwoFilesOfOneNameInTwoFolders() throws IOException {
    Path installed = models(temp.resolve("release-1"), "Faire la course");

    try (Started started = start(installed, true)) {
      RepositoryService repository = started.engine.getRepositoryService();
      Deployment deployment = repository.createDeploymentQuery().singleResult();
      assertThat(repository.getDeploymentResourceNames(deployment.getId())).containsExactlyInAnyOrderElementsOf(NAMES);
      // two forms called review.form, in two folders: both deployed (by bare name, one would replace the other)
      assertThat(repository.getDeploymentResourceNames(deployment.getId())).filteredOn(n -> n.endsWith("review.form"))
          .hasSize(2);
    }
  }

  @Test
  void shouldDeployNothingNewWhenTheSameFilesStartFromAnotherFolderOrFromAJar() throws IOException {
    Path first = models(temp.resolve("release-1"), "Faire la course");
    Path second = models(temp.resolve("elsewhere/release-1"), "Faire la course");
    Path jar = jar(first, temp.resolve("parcours.jar"));

    start(first, true).close();
    start(second, true).close();
    try (Started started = start(jar, true)) {
      RepositoryService repository = started.engine.getRepositoryService();
      assertThat(repository.createDeploymentQuery().count()).as("one deployment, from the first folder").isOne();
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("errand").singleResult().getVersion())
          .isOne();
    }
  }

  @Test
  void shouldDeployTheChangedFileOnlyWhenItStartsFromAnotherFolder() throws IOException {
    start(models(temp.resolve("release-1"), "Faire la course"), true).close();

    try (Started started = start(models(temp.resolve("release-2"), "Faire les courses"), true)) {
      RepositoryService repository = started.engine.getRepositoryService();
      List<Deployment> deployments = repository.createDeploymentQuery().orderByDeploymentTime().asc().list();
      assertThat(deployments).hasSize(2);
      assertThat(repository.getDeploymentResourceNames(deployments.get(1).getId()))
          .containsExactly("bpmn/pathways/errand.bpmn");
      ProcessDefinition errand = repository.createProcessDefinitionQuery().processDefinitionKey("errand")
          .latestVersion().singleResult();
      assertThat(errand.getVersion()).isEqualTo(2);
      assertThat(started.engine.getRepositoryService().getBpmnModelInstance(errand.getId())
          .getModelElementById("Task_Fill").getAttributeValue("name")).isEqualTo("Faire les courses");
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("check").singleResult().getVersion())
          .isOne();
    }
  }

  @Test
  void shouldMoveADatabaseOfFilesNamedByAbsolutePathWithOneDeploymentAndLoseNothing() throws IOException {
    Path old = models(temp.resolve("release-1"), "Faire la course");
    String running;
    try (Started before = start(old, false)) {
      // Camunda's own naming, as every database made before this change has it
      RepositoryService repository = before.engine.getRepositoryService();
      assertThat(repository.getDeploymentResourceNames(repository.createDeploymentQuery().singleResult().getId()))
          .allSatisfy(name -> assertThat(Path.of(name)).isAbsolute().startsWith(old));
      running = before.engine.getRuntimeService().startProcessInstanceByKey("errand").getId();
    }

    try (Started after = start(models(temp.resolve("release-2"), "Faire la course"), true)) {
      RepositoryService repository = after.engine.getRepositoryService();
      List<Deployment> deployments = repository.createDeploymentQuery().orderByDeploymentTime().asc().list();
      assertThat(deployments).as("one deployment of every file under its new name").hasSize(2);
      assertThat(repository.getDeploymentResourceNames(deployments.get(1).getId()))
          .containsExactlyInAnyOrderElementsOf(NAMES);
      // the running dossier keeps its version and goes on
      ProcessInstance instance = after.engine.getRuntimeService().createProcessInstanceQuery()
          .processInstanceId(running).singleResult();
      ProcessDefinition itsVersion = repository.getProcessDefinition(instance.getProcessDefinitionId());
      assertThat(itsVersion.getVersion()).isOne();
      assertThat(itsVersion.getDeploymentId()).isEqualTo(deployments.get(0).getId());
      assertThat(repository.getBpmnModelInstance(itsVersion.getId())).isNotNull();
      String task = after.engine.getTaskService().createTaskQuery().processInstanceId(running).singleResult().getId();
      after.engine.getTaskService().complete(task);
      assertThat(after.engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(running)
          .singleResult().getState()).isEqualTo("COMPLETED");
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("errand").latestVersion()
          .singleResult().getVersion()).isEqualTo(2);
    }

    start(old, true).close();
    try (Started again = start(models(temp.resolve("release-3"), "Faire la course"), true)) {
      assertThat(again.engine.getRepositoryService().createDeploymentQuery().count())
          .as("afterwards, no folder deploys anything new").isEqualTo(2);
    }
  }

  @Test
  void shouldMoveADatabaseOfFilesDeployedFromAJarByBareNameWithOneDeployment() throws IOException {
    // the packaged application (java -jar): Camunda named each file by its bare name, and of two files of one name
    // it kept one
    Path jar = jar(models(temp.resolve("release-1"), "Faire la course"), temp.resolve("parcours-1.jar"));
    try (Started before = start(jar, false)) {
      RepositoryService repository = before.engine.getRepositoryService();
      assertThat(repository.getDeploymentResourceNames(repository.createDeploymentQuery().singleResult().getId()))
          .containsExactlyInAnyOrder("errand.bpmn", "check.bpmn", "review.form");
      before.engine.getRuntimeService().startProcessInstanceByKey("check");
    }

    start(jar(models(temp.resolve("release-2"), "Faire la course"), temp.resolve("parcours-2.jar")), true).close();
    try (Started after = start(jar, true)) {
      RepositoryService repository = after.engine.getRepositoryService();
      List<Deployment> deployments = repository.createDeploymentQuery().orderByDeploymentTime().asc().list();
      assertThat(deployments).hasSize(2);
      assertThat(repository.getDeploymentResourceNames(deployments.get(1).getId()))
          .containsExactlyInAnyOrderElementsOf(NAMES);
      assertThat(after.engine.getTaskService().createTaskQuery().taskDefinitionKey("Task_Check").count()).isOne();
    }
  }

  @Test
  void shouldRefuseTwoDifferentFilesOfOnePathOnTheClasspathAndTakeTwoCopiesOfOneFileOnce() throws IOException {
    Path first = models(temp.resolve("a"), "Faire la course");
    Path same = models(temp.resolve("b"), "Faire la course");
    Path other = models(temp.resolve("c"), "Faire les courses");

    Resource[] copies = new ModelDeployment(PATTERNS, resolver(first, same)).named(resources(first, same));
    assertThat(names(copies)).containsExactlyElementsOf(NAMES);

    ModelDeployment twoVersions = new ModelDeployment(PATTERNS, resolver(first, other));
    Resource[] found = resources(first, other);
    assertThatThrownBy(() -> twoVersions.named(found)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Deux fichiers différents portent le même nom de déploiement « bpmn/pathways/errand.bpmn »")
        .hasMessageContaining("retirez l’une des deux copies");
  }

  @Test
  void shouldLeaveAFileFoundOutsideTheClasspathToCamundasNaming() throws IOException {
    Path folder = models(temp.resolve("release-1"), "Faire la course");
    Resource[] files = new PathMatchingResourcePatternResolver().getResources(folder.toUri() + "bpmn/**/*.bpmn");

    Resource[] named = new ModelDeployment(List.of(folder.toUri() + "bpmn/**/*.bpmn"), resolver(folder)).named(files);

    assertThat(named).containsExactlyInAnyOrder(files);
  }

  // --- the engine, started as the starter starts it

  /** An engine on this test's database, deploying the files of that classpath (a folder or a jar) at start-up. */
  private Started start(Path classpath, boolean relativeNames) throws IOException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(database);
    dataSource.setUser("sa");
    SpringTransactionsProcessEngineConfiguration configuration = new SpringTransactionsProcessEngineConfiguration();
    configuration.setProcessEngineName("model-deployment-" + UUID.randomUUID());
    configuration.setDataSource(dataSource);
    configuration.setTransactionManager(new DataSourceTransactionManager(dataSource));
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutorActivate(false);
    configuration.setHistory("full");
    configuration.getProcessEnginePlugins().add(new fr.parcours.support.SharedMappings("h2"));
    configuration.setDeploymentResources(resources(classpath));
    ModelDeployment deployment = new ModelDeployment(PATTERNS, resolver(classpath));
    if (relativeNames) {
      configuration.getProcessEnginePlugins().add(deployment);
    } else {
      // before this change: only changed files, named as Camunda names them
      configuration.setDeployChangedOnly(true);
    }
    return new Started(configuration.buildProcessEngine());
  }

  record Started(ProcessEngine engine) implements AutoCloseable {
    @Override
    public void close() {
      engine.close();
    }
  }

  /** What the starter finds with the patterns on that classpath (and nothing of the test's own classpath). */
  private static Resource[] resources(Path... classpath) throws IOException {
    ResourcePatternResolver resolver = resolver(classpath);
    List<Resource> found = new ArrayList<>();
    for (String pattern : PATTERNS) {
      found.addAll(List.of(resolver.getResources(pattern)));
    }
    return found.toArray(Resource[]::new);
  }

  private static ResourcePatternResolver resolver(Path... classpath) throws IOException {
    URL[] urls = new URL[classpath.length];
    for (int i = 0; i < classpath.length; i++) {
      urls[i] = classpath[i].toUri().toURL();
    }
    return new PathMatchingResourcePatternResolver(new URLClassLoader(urls, null));
  }

  private static List<String> names(Resource[] resources) {
    return Stream.of(resources).map(r -> ((ModelDeployment.NamedResource) r).getPathWithinContext()).toList();
  }

  /** A repository's top folders: two diagrams, and two forms of one file name in two folders. */
  private static Path models(Path root, String taskName) throws IOException {
    write(root.resolve("bpmn/pathways/errand.bpmn"), ERRAND.replace("TASK_NAME", taskName));
    write(root.resolve("bpmn/tracks/check.bpmn"), CHECK);
    write(root.resolve("forms/pathways/errand/review.form"), form("review-errand"));
    write(root.resolve("forms/tracks/check/review.form"), form("review-check"));
    return root;
  }

  private static String form(String id) {
    return """
        {"id": "%s", "type": "default", "schemaVersion": 16, "components": [
          {"id": "Field_Done", "type": "checkbox", "key": "done", "label": "Fait"}]}
        """.formatted(id);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static Path jar(Path folder, Path jar) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.sorted(Comparator.naturalOrder()).toList();
    }
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      for (Path file : files) {
        if (file.equals(folder)) {
          continue;
        }
        String name = folder.relativize(file).toString().replace('\\', '/');
        zip.putNextEntry(new JarEntry(Files.isDirectory(file) ? name + "/" : name));
        if (!Files.isDirectory(file)) {
          zip.write(Files.readAllBytes(file));
        }
        zip.closeEntry();
      }
    }
    return jar;
  }
}
