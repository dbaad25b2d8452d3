package com.earshot.conversation;

import static com.earshot.support.Pages.body;
import static com.earshot.support.Pages.errorAt;
import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.support.AuditRow;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A playground's own key: write-only, encrypted at rest, audited without its value. */
class ApiKeyPageTests extends ElevenLabsStandIn {

  static final String KEY = "sk_0123456789abcdef0123456789abcdef0123456789abcdef";

  @Autowired MockMvcTester mvc;
  @Autowired KeyCipher cipher;

  @Test
  void theOwnerSetsAKeyThatIsStoredEncryptedAndNeverShownBack() {
    UUID admin = fixtures.admin("owner");
    UUID playground = fixtures.abPlayground(admin);
    Person owner = fixtures.person(admin, Role.ADMIN);

    MvcTestResult saved = save(owner, playground, "set", KEY);
    assertThat(saved).hasStatus3xxRedirection();
    MvcTestResult shown = mvc.get().uri(path(playground)).with(owner.signedIn()).exchange();

    assertThat(shown).hasStatusOk();
    assertThat(page(shown).getElementById("key-state").text()).startsWith("A key is set (since ");
    assertThat(body(shown)).doesNotContain(KEY).doesNotContain(KEY.substring(3, 20));
    byte[] stored = storedKey(fixtures, playground);
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
    assertThat(stored).hasSize(12 + KEY.length() + 16);
    assertThat(
            AuditRow.find(
                fixtures.jdbc(), "playground.api_key_set", "playground_id = ?", playground))
        .containsExactly(
            new AuditRow(
                admin,
                "playground.api_key_set",
                "playground",
                playground,
                playground,
                null,
                null,
                "127.0.0.1"));

    save(owner, playground, "set", KEY);
    assertThat(storedKey(fixtures, playground)).isNotEqualTo(stored);
  }

  @Test
  void theSameKeyEncryptsDifferentlyEachTimeAndOnlyForItsPlayground() throws Exception {
    UUID one = UUID.randomUUID();
    byte[] first = cipher.encrypt(KEY, one);
    byte[] second = cipher.encrypt(KEY, one);

    assertThat(first).isNotEqualTo(second);
    assertThat(cipher.decrypt(first, one)).isEqualTo(KEY);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> cipher.decrypt(first, UUID.randomUUID()))
        .isInstanceOf(java.security.GeneralSecurityException.class);
  }

  @Test
  void aBadKeyGetsAFieldErrorAndNothingIsStored() {
    UUID admin = fixtures.admin("owner");
    UUID playground = fixtures.abPlayground(admin);
    Person owner = fixtures.person(admin, Role.ADMIN);

    MvcTestResult refused = save(owner, playground, "set", "not a key; <b>x</b>");

    assertThat(refused).hasStatus(400);
    assertThat(errorAt(page(refused), "apiKey")).startsWith("This is not an ElevenLabs API key");
    assertThat(storedKey(fixtures, playground)).isNull();
  }

  @Test
  void theOwnerRemovesTheKeyAndNobodyElseTouchesIt() {
    UUID admin = fixtures.admin("owner");
    UUID playground = fixtures.abPlayground(admin);
    Person owner = fixtures.person(admin, Role.ADMIN);
    save(owner, playground, "set", KEY);
    Person other = fixtures.adminPerson("other");

    assertThat(mvc.get().uri(path(playground)).with(other.signedIn())).hasStatus(404);
    assertThat(save(other, playground, "remove", "")).hasStatus(404);
    assertThat(save(other, playground, "set", KEY)).hasStatus(404);
    assertThat(mvc.get().uri(path(playground)).with(fixtures.testerPerson("t").signedIn()))
        .hasStatus(404);
    assertThat(storedKey(fixtures, playground)).isNotNull();

    assertThat(save(owner, playground, "remove", "")).hasStatus3xxRedirection();

    assertThat(storedKey(fixtures, playground)).isNull();
    assertThat(
            AuditRow.find(
                fixtures.jdbc(), "playground.api_key_removed", "playground_id = ?", playground))
        .containsExactly(
            new AuditRow(
                admin,
                "playground.api_key_removed",
                "playground",
                playground,
                playground,
                null,
                null,
                "127.0.0.1"));
    assertThat(
            page(mvc.get().uri(path(playground)).with(owner.signedIn()).exchange())
                .getElementById("key-state")
                .text())
        .isEqualTo("No key is set for this playground.");
  }

  private MvcTestResult save(Person who, UUID playground, String action, String key) {
    return mvc.post()
        .uri(path(playground))
        .with(who.signedIn())
        .with(csrf())
        .param("action", action)
        .param("apiKey", key)
        .exchange();
  }

  /** The playground's stored (encrypted) key, or null. */
  static byte[] storedKey(Fixtures fixtures, UUID playground) {
    List<byte[]> keys =
        fixtures
            .jdbc()
            .sql("SELECT encrypted_key FROM playground_api_keys WHERE playground_id = ?")
            .param(playground)
            .query(byte[].class)
            .list();
    return keys.isEmpty() ? null : keys.get(0);
  }

  static String path(UUID playground) {
    return "/manage/playgrounds/" + playground + "/elevenlabs";
  }
}
