package com.earshot.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.support.ClientAddresses;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Refusals;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Ids in addresses are UUIDs: one that is not names nothing, as an unknown one. */
@EarshotTest
class NotFoundAdviceTests {

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldAnswerAMalformedOrBlankIdAsAnUnknownOneAndAuditItAlike() {
    UUID admin = fixtures.admin("malformed-id");
    UUID playground = fixtures.abPlayground(admin);
    UUID question = fixtures.question(playground, null, "rating", null);

    for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", " ", "x".repeat(5000))) {
      String address = ClientAddresses.unique();
      MvcTestResult result =
          mvc.get()
              .uri("/manage/playgrounds/{id}/insights", id)
              .with(as(admin))
              .with(ClientAddresses.from(address))
              .exchange();

      assertThat(result).as("playground %s", id.strip()).hasStatus(HttpStatus.NOT_FOUND);
      assertThat(
              Refusals.rows(
                  fixtures.jdbc(), "security.access_denied", "host(a.ip_address) = ?", address))
          .as("audited as access denied, for playground %s", id.strip())
          .isEqualTo(1);
    }
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/questions/{question}/delete", playground, "zzz")
                .with(as(admin))
                .with(csrf()))
        .as("the second id of a route")
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/questions/order", playground)
                .param("order", question.toString(), "not-a-uuid")
                .with(as(admin))
                .with(csrf()))
        .as("an id in a list of them")
        .hasStatus(HttpStatus.NOT_FOUND);
    assertThat(
            fixtures
                .jdbc()
                .sql("SELECT count(*) FROM questions WHERE playground_id = ?")
                .param(playground)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldAnswerAValueOfAnotherWrongTypeAsBadInput() {
    UUID admin = fixtures.admin("malformed-flag");
    UUID playground = fixtures.abPlayground(admin);

    assertThat(
            mvc.post()
                .uri("/manage/playgrounds/{id}/widget-loaded", playground)
                .param("model", "model_a")
                .param("version", "maybe")
                .with(as(admin))
                .with(csrf()))
        .hasStatus(HttpStatus.BAD_REQUEST);
  }

  private RequestPostProcessor as(UUID user) {
    return fixtures.person(user, Role.ADMIN).signedIn();
  }
}
