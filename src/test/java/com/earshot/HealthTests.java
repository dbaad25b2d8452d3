package com.earshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@EarshotTest
class HealthTests {

  @Autowired MockMvcTester mvc;

  @Test
  void shouldReportUpWhenTheDatabaseAnswers() {
    assertThat(mvc.get().uri("/actuator/health"))
        .hasStatusOk()
        .bodyJson()
        .extractingPath("$.status")
        .isEqualTo("UP");
  }
}
