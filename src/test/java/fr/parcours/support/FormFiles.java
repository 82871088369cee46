package fr.parcours.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the forms live: each in the folder of the one diagram that shows it, {@code forms/tracks/<track>/} or
 * {@code forms/pathways/<pathway>/}, as its diagram lives in {@code bpmn/tracks/} or {@code bpmn/pathways/}. A form
 * that only an earlier version of a diagram shows (dossiers started on that version finish on it) lives in
 * {@code forms/legacy/<that version>/}, that version kept as it was deployed in {@code src/test/resources/legacy/}. The
 * engine deploys them wherever they are ({@code classpath*:forms/**}); a diagram names a form by its id.
 */
public final class FormFiles {

  public static final Path FORMS = Path.of("forms");
  private static final Path DIAGRAMS = Path.of("bpmn");
  /** Earlier versions of diagrams, as they were deployed: dossiers started on them still run on them. */
  private static final Path LEGACY_DIAGRAMS = Path.of("src", "test", "resources", "legacy");

  private FormFiles() {
  }

  /** Every form file, in order. */
  public static List<Path> all() {
    try (Stream<Path> paths = Files.walk(FORMS)) {
      return paths.filter(path -> path.toString().endsWith(".form")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file of a form, found wherever it is. */
  public static Path of(String formId) {
    return all().stream().filter(path -> path.getFileName().toString().equals(formId + ".form")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No file " + formId + ".form under " + FORMS));
  }

  /**
   * Where a form belongs: beside the diagram that names it ({@code camunda:formRef}), e.g.
   * {@code forms/tracks/ans-certification/review-evidence.form} for {@code bpmn/tracks/ans-certification.bpmn}.
   */
  public static Path home(String formId) {
    Pattern reference = Pattern.compile("camunda:formRef=\"" + Pattern.quote(formId) + "\"");
    List<Path> diagrams = showing(DIAGRAMS, reference);
    if (diagrams.isEmpty()) {
      List<Path> earlier = showing(LEGACY_DIAGRAMS, reference);
      if (earlier.size() == 1) {
        return FORMS.resolve("legacy").resolve(earlier.get(0).getFileName().toString().replaceFirst("\\.bpmn$", ""))
            .resolve(formId + ".form");
      }
    }
    if (diagrams.size() != 1) {
      throw new IllegalStateException("The form " + formId + " should be shown by one diagram; it is by "
          + diagrams + ". A form shared by two diagrams belongs to a track both call.");
    }
    Path diagram = DIAGRAMS.relativize(diagrams.get(0));
    String name = diagram.getFileName().toString().replaceFirst("\\.bpmn$", "");
    return FORMS.resolve(diagram.getParent()).resolve(name).resolve(formId + ".form");
  }

  private static List<Path> showing(Path folder, Pattern reference) {
    List<Path> diagrams;
    try (Stream<Path> paths = Files.walk(folder)) {
      diagrams = paths.filter(path -> path.toString().endsWith(".bpmn")).filter(path -> {
        try {
          return reference.matcher(Files.readString(path)).find();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return diagrams;
  }
}
