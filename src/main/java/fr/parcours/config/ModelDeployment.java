package fr.parcours.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Component;

/**
 * How the diagrams, decision tables and forms are deployed at start-up ({@code camunda.bpm.deployment-resource-pattern}):
 * only the files that changed get a new version, and each file is named by its path from the top of the repository's
 * folders ({@code bpmn/pathways/pecan.bpmn}, {@code forms/tracks/ans-certification/candidature.form}), wherever the
 * application is installed.
 *
 * <p>Camunda's Spring deployment names a file by its absolute path when it is a file
 * ({@code /opt/parcours-1.2/classes/bpmn/...}) and by its bare name inside a jar ({@code pecan.bpmn}). The engine
 * decides that a file changed by comparing it with the last deployed file of the same name: with absolute paths, an
 * installation in another folder (a new release unpacked beside the old one, a second node) saw every file as new and
 * redeployed them all, each definition getting a new version for nothing; with bare names, two files of one name in
 * two folders would have been one resource, the last one silently replacing the other.
 */
@Component
class ModelDeployment extends AbstractProcessEnginePlugin {

  private final List<String> patterns;
  private final ResourcePatternResolver resolver;

  @Autowired
  ModelDeployment(CamundaBpmProperties properties, ResourceLoader loader) {
    this(properties.getDeploymentResourcePattern() == null ? List.of()
        : Arrays.asList(properties.getDeploymentResourcePattern()), ResourcePatternUtils.getResourcePatternResolver(loader));
  }

  ModelDeployment(List<String> patterns, ResourcePatternResolver resolver) {
    this.patterns = patterns;
    this.resolver = resolver;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration instanceof SpringTransactionsProcessEngineConfiguration spring) {
      // A process owner who changes one diagram gets a new version of that diagram only;
      // running instances keep the version they started with.
      spring.setDeployChangedOnly(true);
    }
  }

  /** After the starter listed the files to deploy (in its preInit), before the engine deploys them. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration instanceof SpringTransactionsProcessEngineConfiguration spring && spring.getDeploymentResources() != null
        && spring.getDeploymentResources().length > 0) {
      spring.setDeploymentResources(named(spring.getDeploymentResources()));
    }
  }

  /**
   * The files, each named by its path on the classpath, in the order of their names. A file found by a pattern that
   * does not start with {@code classpath*:} or {@code classpath:} keeps Camunda's naming.
   *
   * @throws IllegalStateException if two different files have the same path on the classpath (two copies of a
   *     folder, in two jars or folders): Camunda would deploy one of them only
   */
  Resource[] named(Resource[] files) {
    List<Root> roots = roots();
    Map<String, Resource> byName = new TreeMap<>();
    List<Resource> unnamed = new ArrayList<>();
    for (Resource file : files) {
      String name = nameOf(file, roots);
      if (name == null) {
        unnamed.add(file);
        continue;
      }
      Resource named = new NamedResource(name, file);
      Resource first = byName.putIfAbsent(name, named);
      if (first != null && !sameContent(first, named)) {
        throw new IllegalStateException("Deux fichiers différents portent le même nom de déploiement « " + name
            + " » : " + ((NamedResource) first).file.getDescription() + " et " + file.getDescription()
            + ". Le moteur n’en déploierait qu’un : retirez l’une des deux copies du classpath.");
      }
    }
    List<Resource> all = new ArrayList<>(byName.values());
    all.addAll(unnamed);
    return all.toArray(Resource[]::new);
  }

  /** A folder a pattern searches ({@code bpmn/}), and one place of it on the classpath (a folder or in a jar). */
  private record Root(String folder, Resource place) {
  }

  private List<Root> roots() {
    List<Root> roots = new ArrayList<>();
    Set<String> folders = new HashSet<>();
    for (String pattern : patterns) {
      String location = pattern.strip();
      int colon = location.indexOf(':');
      if (!location.startsWith(ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX)
          && !location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX)) {
        continue;
      }
      String path = location.substring(colon + 1);
      while (path.startsWith("/")) {
        path = path.substring(1);
      }
      int wildcard = firstWildcard(path);
      String folder = path.substring(0, path.lastIndexOf('/', wildcard) + 1);
      if (folder.isEmpty() || !folders.add(folder)) {
        // the classpath's top (Spring lists its folders but not its jars, so no name can be relied on), or a folder
        // already listed for another pattern
        continue;
      }
      try {
        for (Resource place : resolver.getResources(ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX + folder)) {
          roots.add(new Root(folder, place));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + folder + " on the classpath", e);
      }
    }
    return roots;
  }

  private static int firstWildcard(String path) {
    int first = path.length();
    for (char wildcard : new char[] {'*', '?', '{'}) {
      int at = path.indexOf(wildcard);
      if (at >= 0 && at < first) {
        first = at;
      }
    }
    return first;
  }

  /** The file's path on the classpath ({@code bpmn/pathways/pecan.bpmn}), or null if it is under no root. */
  private static String nameOf(Resource file, List<Root> roots) {
    for (Root root : roots) {
      String relative = relative(root.place(), file);
      if (relative != null && !relative.isEmpty()) {
        return root.folder() + relative;
      }
    }
    return null;
  }

  private static String relative(Resource root, Resource file) {
    try {
      if (root.isFile() && file.isFile()) {
        Path base = root.getFile().toPath().toAbsolutePath().normalize();
        Path path = file.getFile().toPath().toAbsolutePath().normalize();
        if (!path.startsWith(base)) {
          return null;
        }
        return base.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
      }
      String base = root.getURL().toExternalForm();
      base = base.endsWith("/") ? base : base + "/";
      String url = file.getURL().toExternalForm();
      if (!url.startsWith(base)) {
        return null;
      }
      return URLDecoder.decode(url.substring(base.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean sameContent(Resource one, Resource other) {
    try (InputStream first = one.getInputStream(); InputStream second = other.getInputStream()) {
      return Arrays.equals(first.readAllBytes(), second.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + one.getDescription() + " or " + other.getDescription(), e);
    }
  }

  /**
   * A file under the name the engine deploys it by: Camunda's Spring deployment takes a {@link ContextResource}'s
   * path as the resource's name.
   */
  static final class NamedResource extends AbstractResource implements ContextResource {

    private final String name;
    private final Resource file;

    NamedResource(String name, Resource file) {
      this.name = name;
      this.file = file;
    }

    @Override
    public String getPathWithinContext() {
      return name;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return file.getInputStream();
    }

    @Override
    public boolean exists() {
      return file.exists();
    }

    @Override
    public URL getURL() throws IOException {
      return file.getURL();
    }

    @Override
    public long contentLength() throws IOException {
      return file.contentLength();
    }

    @Override
    public String getFilename() {
      return file.getFilename();
    }

    @Override
    public String getDescription() {
      return name + " (" + file.getDescription() + ")";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NamedResource named && named.name.equals(name) && named.file.equals(file);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
