package com.earshot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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
  void shouldKeepControllersPackagePrivateAndAwayFromOtherModulesRepositories() {
    classes()
        .that()
        .areAnnotatedWith(Controller.class)
        .or()
        .areAnnotatedWith(RestController.class)
        .should()
        .notBePublic()
        .check(classes);
    classes()
        .that()
        .areAnnotatedWith(Controller.class)
        .should(useRepositoriesOfTheirOwnModuleOnly())
        .check(classes);
  }

  private static ArchCondition<JavaClass> useRepositoriesOfTheirOwnModuleOnly() {
    return new ArchCondition<>("use repositories of their own module only") {
      @Override
      public void check(JavaClass controller, ConditionEvents events) {
        for (Dependency dependency : controller.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (target.isAnnotatedWith(Repository.class)
              && !module(target).equals(module(controller))) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** The module: the package right below com.earshot. */
  private static String module(JavaClass type) {
    String[] parts = type.getPackageName().split("\\.");
    return parts.length > 2 ? parts[2] : "";
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
