package fr.parcours.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of Parcours in layers, lowest first: shared types that depend on nothing, features that use
 * only the features below them, and {@code config}, which wires everything and which nothing imports. A new
 * package takes its place in {@link #LAYERS}; a dependency the wrong way, or a cycle, fails here with the
 * classes that make it.
 */
class LayeringTest {

  /** From the bottom: each may use those before it, never one after it. */
  static final List<String> LAYERS = List.of("shared", "deadline", "dossier", "clock", "candidature", "security",
      "notification", "evidence", "tasklist", "dossierpage", "device", "ans", "has", "pecan", "brandname", "genericline", "transitional", "devicelife",
      "audit", "orientation", "demo", "config");

  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("fr.parcours");
  }

  static String pkg(String layer) {
    return "fr.parcours." + layer + "..";
  }

  @Test
  void shouldHaveNoCycleBetweenPackages() {
    slices().matching("fr.parcours.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void shouldKeepTheSharedTypesFreeOfAnyOtherPackage() {
    noClasses().that().resideInAPackage(pkg("shared")).should().dependOnClassesThat()
        .resideInAnyPackage(LAYERS.stream().filter(l -> !l.equals("shared")).map(LayeringTest::pkg)
            .toArray(String[]::new))
        .check(classes);
  }

  @Test
  void shouldLetNothingImportTheConfiguration() {
    noClasses().that().resideOutsideOfPackage(pkg("config")).should().dependOnClassesThat()
        .resideInAPackage(pkg("config")).check(classes);
  }

  @Test
  void shouldNeverImportAFeatureBackwards() {
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(LayeringTest::pkg).toArray(String[]::new);
      noClasses().that().resideInAPackage(pkg(LAYERS.get(i))).should().dependOnClassesThat()
          .resideInAnyPackage(above)
          .because(LAYERS.get(i) + " is below " + Arrays.toString(above) + " (LayeringTest.LAYERS)")
          .check(classes);
    }
  }

  @Test
  void shouldPlaceEveryPackageInALayer() {
    List<String> unplaced = classes.stream().map(c -> c.getPackageName())
        .filter(p -> p.startsWith("fr.parcours."))
        .map(p -> p.substring("fr.parcours.".length()).split("\\.")[0])
        .distinct().filter(p -> !LAYERS.contains(p)).toList();
    org.assertj.core.api.Assertions.assertThat(unplaced).as("packages missing from LayeringTest.LAYERS").isEmpty();
  }
}
