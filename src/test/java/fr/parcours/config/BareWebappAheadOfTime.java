package fr.parcours.config;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.aot.AotApplicationContextInitializer;
import org.springframework.util.FileSystemUtils;

/**
 * The bare Camunda webapp of {@link StartupBenchmark} started from Spring's ahead-of-time processing, to compare
 * Parcours so started with a bare webapp so started. Its processing writes classes of the same names as Parcours'
 * own (one per Camunda and Spring configuration), so it runs in a class loader of its own: the test's class path
 * with the bare webapp's processed classes first, nothing shared with the test's loader but the JDK. The loader is
 * kept across the rounds, so the JIT warms it as it warms Parcours.
 */
public final class BareWebappAheadOfTime {

  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * The bare webapp, as {@link StartupBenchmark.BareCamundaWebapp}, with the main method the processing runs, and
   * the one change any Camunda 7.24 application needs to start from the processing ({@link AheadOfTimeStart}).
   */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(AheadOfTimeStart.class)
  public static class Main {
    public static void main(String[] arguments) {
      SpringApplication.run(Main.class, arguments);
    }
  }

  private final ClassLoader loader;
  private final Method start;

  private BareWebappAheadOfTime(ClassLoader loader) throws ReflectiveOperationException {
    this.loader = loader;
    this.start = loader.loadClass(BareWebappAheadOfTime.class.getName())
        .getMethod("startInThisLoader", String[].class);
  }

  /**
   * Processes the bare webapp with these settings (which fix its conditions) in a loader of its own, compiles what
   * the processing wrote, and returns a starter whose loader sees those classes first.
   */
  static BareWebappAheadOfTime prepare(Path folder, String[] settings) throws Exception {
    FileSystemUtils.deleteRecursively(folder);
    Path sources = Files.createDirectories(folder.resolve("sources"));
    Path resources = Files.createDirectories(folder.resolve("resources"));
    Path classes = Files.createDirectories(folder.resolve("classes"));
    List<URL> path = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      path.add(Path.of(entry).toUri().toURL());
    }
    ClassLoader processing = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    List<String> arguments = new ArrayList<>(List.of(Main.class.getName(), sources.toString(), resources.toString(),
        classes.toString(), "fr.parcours", "bare-webapp"));
    arguments.addAll(List.of(settings));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(processing);
    try {
      processing.loadClass("org.springframework.boot.SpringApplicationAotProcessor").getMethod("main", String[].class)
          .invoke(null, (Object) arguments.toArray(String[]::new));
    } finally {
      thread.setContextClassLoader(previous);
      System.clearProperty("spring.aot.processing");
    }
    List<String> javac = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
        System.getProperty("java.class.path"), "-proc:none", "-nowarn"));
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> javac.add(file.toString()));
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler.run(null, null, null, javac.toArray(String[]::new)) != 0) {
      throw new IOException("The bare webapp's processed sources do not compile: " + sources);
    }
    copy(resources, classes);
    List<URL> running = new ArrayList<>(List.of(classes.toUri().toURL()));
    running.addAll(path);
    return new BareWebappAheadOfTime(new URLClassLoader(running.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader()));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }

  /**
   * One start and stop, with these settings: its elapsed time and the starting thread's processor time in
   * nanoseconds, and the number of process definitions it found deployed (read after them).
   */
  long[] start(String[] settings) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    System.setProperty("spring.aot.enabled", "true");
    try {
      return (long[]) start.invoke(null, (Object) settings);
    } finally {
      System.clearProperty("spring.aot.enabled");
      thread.setContextClassLoader(previous);
    }
  }

  /** Run inside the bare webapp's own loader. */
  public static long[] startInThisLoader(String[] settings) {
    // Tomcat registers its URL handlers with the JVM once: the test's own loader did it first
    TomcatURLStreamHandlerFactory.disable();
    long threadCpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    // the processing names a nested class's initializer Outer_Inner__...; Spring Boot would look for Outer$Inner__...
    SpringApplicationBuilder builder = new SpringApplicationBuilder(Main.class).main(Main.class)
        .initializers(AotApplicationContextInitializer.forInitializerClasses(
            Main.class.getName().replace('$', '_') + "__ApplicationContextInitializer"));
    try (ConfigurableApplicationContext context = builder.run(settings)) {
      long[] measured = {System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - threadCpu,
          context.getBean(RepositoryService.class).createProcessDefinitionQuery().count()};
      SpringApplication.exit(context);
      return measured;
    }
  }
}
