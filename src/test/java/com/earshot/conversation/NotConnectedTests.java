package com.earshot.conversation;

import static com.earshot.support.Pages.errorAt;
import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Earshot as most tests run it: no ElevenLabs key, no encryption key. Ended calls are queued, but
 * nothing is fetched: the row waits untouched (not even claimed) until a key is configured; no key
 * can be saved, and the page says what is missing.
 */
@EarshotTest
class NotConnectedTests {

  @Autowired FetchJob job;
  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  @Test
  void withoutAKeyNothingIsFetchedAndTheRowWaitsUntouched() {
    UUID playground = fixtures.abPlayground(fixtures.admin("owner"));
    UUID session = fixtures.submittedSession(playground, fixtures.tester("caller"), "model_a");

    job.runOnce();

    Map<String, Object> row =
        fixtures
            .jdbc()
            .sql(
                "SELECT state, attempts, last_error, claimed_until FROM conversation_fetches WHERE session_id = ?")
            .param(session)
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("state", "pending")
        .containsEntry("attempts", 0)
        .containsEntry("last_error", null)
        .containsEntry("claimed_until", null);
    assertThat(
            fixtures
                .jdbc()
                .sql("SELECT count(*) FROM conversations WHERE session_id = ?")
                .param(session)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void withoutAnEncryptionKeyThePageSaysWhatIsMissingAndSavesNothing() {
    UUID admin = fixtures.admin("owner");
    UUID playground = fixtures.abPlayground(admin);
    Person owner = fixtures.person(admin, Role.ADMIN);

    MvcTestResult shown =
        mvc.get().uri(ApiKeyPageTests.path(playground)).with(owner.signedIn()).exchange();
    MvcTestResult refused =
        mvc.post()
            .uri(ApiKeyPageTests.path(playground))
            .with(owner.signedIn())
            .with(csrf())
            .param("apiKey", ApiKeyPageTests.KEY)
            .exchange();

    assertThat(page(shown).getElementById("no-encryption-key").text())
        .contains("EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY");
    assertThat(refused).hasStatus(400);
    assertThat(errorAt(page(refused), "apiKey"))
        .isEqualTo("A per-playground key needs EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY on the server.");
    assertThat(ApiKeyPageTests.storedKey(fixtures, playground)).isNull();
  }
}
