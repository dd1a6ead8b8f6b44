package io.marketgate.it;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.marketgate.model.layeringfixture.ReachesIntoCache;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module layering of the architecture (DESIGN §2), checked on the compiled main classes of
 * every module on this module's test classpath. A module added to the reactor must be added to this
 * module's dependencies so that it is checked too.
 */
class LayeringTest {

  /** For each module package, the packages of ours it may use besides its own. */
  private static final Map<String, List<String>> ALLOWED =
      Map.of(
          "cache", List.of(),
          "model", List.of(),
          "upstream", List.of("cache", "model"),
          "sim", List.of("model"),
          "store", List.of("model"),
          "client", List.of("model"),
          "server", List.of("cache", "model", "upstream", "sim", "store", "client"));

  /** Libraries that cache and model must stay free of: network, SQL, serialisation frameworks. */
  private static final String[] IO_FRAMEWORKS = {
    "java.net..",
    "java.sql..",
    "javax.sql..",
    "com.fasterxml..",
    "io.undertow..",
    "io.netty..",
    "okhttp3..",
    "org.jdbi..",
    "org.flywaydb..",
    "com.zaxxer..",
    "redis.."
  };

  private static final String[] VENUES = {"kalshi", "polymarket", "binance", "odds"};

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    // Test classes are recognised by their output folder whatever the build directory is called,
    // so the deliberate violation below never counts as main code.
    ImportOption mainOnly =
        location -> !location.contains("/test-classes/") && !location.contains("/layeringfixture/");
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(mainOnly)
            .importPackages("io.marketgate");
  }

  @Test
  void importedClasses_includeCacheAndModel_soRulesAreNotVacuous() {
    assertThat(main.that(resideInAPackage("io.marketgate.cache.."))).isNotEmpty();
    assertThat(main.that(resideInAPackage("io.marketgate.model.."))).isNotEmpty();
  }

  @Test
  void eachModule_dependsOnlyOnModulesDesignAllows() {
    ALLOWED.forEach((module, allowed) -> moduleRule(module, allowed).check(main));
  }

  @Test
  void cacheAndModel_stayFreeOfIoFrameworks() {
    noClasses()
        .that()
        .resideInAnyPackage("io.marketgate.cache..", "io.marketgate.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(IO_FRAMEWORKS)
        .allowEmptyShould(true)
        .check(main);
  }

  @Test
  void venuePackages_neverReachIntoEachOther() {
    for (String venue : VENUES) {
      String[] others =
          java.util.Arrays.stream(VENUES)
              .filter(v -> !v.equals(venue))
              .map(v -> "io.marketgate.upstream." + v + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("io.marketgate.upstream." + venue + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .as("venue package " + venue + " does not reach into another venue's package")
          .allowEmptyShould(true)
          .check(main);
    }
  }

  @Test
  void nothing_dependsOnServer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.marketgate.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.marketgate.server..")
        .allowEmptyShould(true)
        .check(main);
  }

  @Test
  void moduleRule_onDeliberateViolation_fails() {
    JavaClasses violating = new ClassFileImporter().importClasses(ReachesIntoCache.class);
    assertThat(moduleRule("model", List.of()).evaluate(violating).hasViolation()).isTrue();
  }

  private static ArchRule moduleRule(String module, List<String> allowed) {
    String[] ok =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(module), allowed.stream())
            .map(m -> "io.marketgate." + m + "..")
            .toArray(String[]::new);
    return classes()
        .that()
        .resideInAPackage("io.marketgate." + module + "..")
        .should()
        .onlyDependOnClassesThat(
            not(resideInAPackage("io.marketgate..")).or(resideInAnyPackage(ok)))
        .as(
            "module "
                + module
                + " depends only on "
                + (allowed.isEmpty() ? "no other module of ours" : allowed))
        .allowEmptyShould(true);
  }
}
