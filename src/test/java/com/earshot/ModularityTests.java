package com.earshot;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

  @Test
  void shouldKeepTheModuleBoundaries() {
    ApplicationModules.of(EarshotApplication.class).verify();
  }
}
