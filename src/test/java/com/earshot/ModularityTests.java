package com.earshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModule.AllowedDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules and what each may use: every module's {@code package-info.java} lists its {@code
 * allowedDependencies}, and a dependency on any other module, a type it does not expose, or a cycle
 * fails here.
 */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(EarshotApplication.class);

  @Test
  void shouldKeepTheModuleBoundariesAndTheDeclaredDependencies() {
    MODULES.verify();
  }

  /** Honest declarations: no module lists a dependency it does not have. */
  @Test
  void shouldDeclareExactlyTheModulesEachModuleUses() {
    for (ApplicationModule module : MODULES) {
      if (module.isOpen()) {
        continue;
      }
      Set<String> declared =
          names(
              module.getAllowedDependencies(MODULES).stream()
                  .map(AllowedDependency::getTargetModule));
      Set<String> used = names(module.getDirectDependencies(MODULES).uniqueModules());
      assertThat(declared)
          .as("the dependencies %s declares", module.getIdentifier())
          .isEqualTo(used);
    }
  }

  private static Set<String> names(Stream<ApplicationModule> modules) {
    return modules
        .map(module -> module.getIdentifier().toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The modules as diagrams (PlantUML, C4) and one canvas per module, in {@code
   * target/spring-modulith-docs}: built with every run, never checked in.
   */
  @Test
  void shouldWriteTheModuleDocumentation() {
    new Documenter(MODULES).writeDocumentation();
  }
}
