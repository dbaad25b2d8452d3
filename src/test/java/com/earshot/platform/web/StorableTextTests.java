package com.earshot.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.support.ClientAddresses;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Pages;
import jakarta.servlet.http.Cookie;
import java.util.Base64;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * What Earshot does with characters PostgreSQL cannot store (issue 11, section 2): U+0000 is
 * removed and a lone surrogate becomes U+FFFD wherever a request carries them, so what was typed is
 * saved rather than lost behind an error page.
 */
@EarshotTest
class StorableTextTests {

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();
  final JdbcClient db = fixtures.jdbc();

  @Test
  void shouldRemoveNulAndReplaceLoneSurrogatesKeepingWholeCharacters() {
    assertThat(StorableTextFilter.storable("a\u0000b\ud800c\udc00d \ud83d\ude00 end\ud83d"))
        .isEqualTo("ab\ufffdc\ufffdd \ud83d\ude00 end\ufffd");
    String clean = "Nothing to do: é, 😀, \t\r\n";
    assertThat(StorableTextFilter.storable(clean)).isSameAs(clean);
  }

  @Test
  void shouldSaveATestersAnswerThatHasANulInIt() {
    UUID admin = fixtures.admin("storable-owner");
    UUID playground = fixtures.abPlayground(admin);
    UUID question = fixtures.question(playground, null, "input_string", null);
    UUID tester = fixtures.tester("storable-tester");
    UUID session = fixtures.assignedSession(playground, tester, "model_a");

    assertThat(
            mvc.post()
                .uri("/sessions/{id}", session)
                .param("q-" + question, "Pasted from a PDF:\u0000 clear, quick \ud800.")
                .with(as(tester, Role.TESTER))
                .with(csrf()))
        .hasStatus(302);

    assertThat(
            db.sql("SELECT answer_text FROM evaluations WHERE session_id = ?")
                .param(session)
                .query(String.class)
                .list())
        .containsExactly("Pasted from a PDF: clear, quick \ufffd.");
    assertThat(
            db.sql("SELECT status::text FROM evaluation_sessions WHERE id = ?")
                .param(session)
                .query(String.class)
                .single())
        .isEqualTo("submitted");
  }

  @Test
  void shouldSendTheSignInLinkWhenTheEmailHasANulInIt() {
    String email = Fixtures.uniqueEmail("nul");

    assertThat(
            mvc.post()
                .uri("/login")
                .param("email", email.replace("@", "\u0000@"))
                .with(ClientAddresses.from(ClientAddresses.unique()))
                .with(csrf()))
        .hasStatus(302)
        .hasRedirectedUrl("/login/sent");

    assertThat(
            db.sql("SELECT count(*) FROM one_time_tokens WHERE username = ?")
                .param(email)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void shouldFilterTheAuditLogByTextWithANulInIt() throws Exception {
    UUID admin = fixtures.admin("storable-audit");
    db.sql("INSERT INTO audit_log (user_id, action) VALUES (?, 'playground.update')")
        .param(admin)
        .update();

    MvcTestResult result =
        mvc.get()
            .uri("/manage/audit")
            .param("action", "playground.\u0000update")
            .param("resource", "\u0000")
            .with(as(admin, Role.ADMIN))
            .exchange();

    assertThat(result).hasStatusOk();
    Document page = Pages.page(result);
    assertThat(page.select("#action option[selected]").val()).isEqualTo("playground.update");
    assertThat(page.select("tbody tr")).hasSize(1);
  }

  @Test
  void shouldIgnoreASessionCookieWhoseIdHasANulInIt() {
    String nul = Base64.getEncoder().encodeToString("\u0000\u0000\u0000".getBytes());

    // SESSION in MockMvc, EARSHOT_SESSION on the embedded server
    assertThat(
            mvc.get()
                .uri("/")
                .cookie(new Cookie("SESSION", nul), new Cookie("EARSHOT_SESSION", nul)))
        .hasStatus(302)
        .redirectedUrl()
        .endsWith("/login");
  }

  private RequestPostProcessor as(UUID id, Role role) {
    return fixtures.person(id, role).signedIn();
  }
}
