package com.earshot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** House rules that Spring Modulith's module check does not cover. */
class ArchitectureTests {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.earshot");

  @Test
  void shouldKeepRepositoriesPackagePrivate() {
    classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(classes);
  }

  @Test
  void shouldKeepControllersPackagePrivateAndAwayFromRepositoriesOfOtherPackages() {
    classes()
        .that()
        .areAnnotatedWith(Controller.class)
        .or()
        .areAnnotatedWith(RestController.class)
        .should()
        .notBePublic()
        .check(classes);
    noClasses()
        .that()
        .areAnnotatedWith(Controller.class)
        .should()
        .dependOnClassesThat()
        .areAnnotatedWith(Repository.class)
        .check(classes);
  }

  @Test
  void shouldTalkToTheDatabaseOnlyThroughJdbcClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.earshot.platform.database..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
        .check(classes);
  }
}
