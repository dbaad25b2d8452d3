package com.earshot.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.FlashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flash cookie on its own: what a redirect carries arrives once, typed as it was sent; it stays
 * under a browser's cookie limit whatever is put in; a cookie this app did not sign is ignored.
 * (Through the real app, over HTTP and across instances: AnonymousVisitorTests, TwoInstancesTests.)
 */
class CookieFlashMapManagerTests {

  final CookieFlashMapManager flash = new CookieFlashMapManager(key(), JsonMapper.shared());

  @Test
  void shouldCarryTextsFlagsAndNumbersToTheTargetPageOnce() {
    FlashMap sent = flashMap("/admin/users", Map.of("notice", "Saved.", "submitted", true, "n", 3));
    sent.addTargetRequestParam("q", "ann");
    String cookie = save(sent);

    MockHttpServletResponse elsewhere = new MockHttpServletResponse();
    assertThat((Object) flash.retrieveAndUpdate(request("/", null, cookie), elsewhere)).isNull();
    assertThat(elsewhere.getHeaders("Set-Cookie")).isEmpty();

    MockHttpServletResponse response = new MockHttpServletResponse();
    Map<String, Object> received =
        flash.retrieveAndUpdate(request("/admin/users", "q=ann", cookie), response);

    assertThat(received)
        .containsExactlyInAnyOrderEntriesOf(Map.of("notice", "Saved.", "submitted", true, "n", 3));
    assertThat(response.getHeader("Set-Cookie"))
        .as("used up: the cookie is removed")
        .startsWith(CookieFlashMapManager.COOKIE + "=;")
        .contains("Max-Age=0");
  }

  @Test
  void shouldCutALongMessageRatherThanOutgrowTheCookie() {
    for (String letter : List.of("x", "é", "語", "😀")) {
      String cookie = save(flashMap("/", Map.of("notice", letter.repeat(5000))));

      assertThat(cookie.length()).isLessThanOrEqualTo(CookieFlashMapManager.MAX_VALUE);
      String notice = (String) retrieve("/", cookie).get("notice");
      assertThat(notice).startsWith(letter.repeat(10)).endsWith("…");
      assertThat(notice.length()).isLessThanOrEqualTo(CookieFlashMapManager.MAX_TEXT);
    }
  }

  @Test
  void shouldMakeRoomForTheNewestMessageByForgettingTheOldest() {
    String cookie = null;
    for (int i = 1; i <= 20; i++) {
      MockHttpServletResponse response = new MockHttpServletResponse();
      flash.saveOutputFlashMap(
          flashMap("/page-" + i, Map.of("notice", i + " " + "n".repeat(400))),
          request("/form", null, cookie),
          response);
      cookie = cookieIn(response);
      assertThat(cookie.length()).isLessThanOrEqualTo(CookieFlashMapManager.MAX_VALUE);
    }

    assertThat((String) retrieve("/page-20", cookie).get("notice")).startsWith("20 ");
    assertThat((String) retrieve("/page-19", cookie).get("notice")).startsWith("19 ");
    assertThat(retrieve("/page-1", cookie)).as("the oldest made room").isNull();
  }

  @Test
  void shouldDropAMessageThatCannotFitEvenCutRatherThanFailTheRedirect() {
    Map<String, Object> huge = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      huge.put("text" + i, "語".repeat(500));
    }
    MockHttpServletResponse response = new MockHttpServletResponse();

    flash.saveOutputFlashMap(flashMap("/", huge), request("/form", null, null), response);

    assertThat(response.getHeader("Set-Cookie")).contains("Max-Age=0");
  }

  @Test
  void shouldIgnoreAFlashCookieItDidNotSignOrThatHasExpired() throws InterruptedException {
    CookieFlashMapManager elsewhere = new CookieFlashMapManager(key(), JsonMapper.shared());
    MockHttpServletResponse response = new MockHttpServletResponse();
    elsewhere.saveOutputFlashMap(
        flashMap("/", Map.of("notice", "Forged")), request("/form", null, null), response);
    String forged = cookieIn(response);
    String genuine = save(flashMap("/", Map.of("notice", "Genuine")));
    String signature = genuine.substring(genuine.indexOf('.'));

    for (String cookie :
        List.of(
            forged,
            forged.substring(0, forged.indexOf('.')) + signature,
            "garbage",
            "%%%.%%%",
            "e30" + signature,
            "")) {
      assertThat(retrieve("/", cookie)).as("with %s", cookie).isNull();
    }

    flash.setFlashMapTimeout(0);
    String expiring = save(flashMap("/", Map.of("notice", "Late")));
    Thread.sleep(5);
    assertThat(retrieve("/", expiring)).isNull();
    assertThat(retrieve("/", genuine)).containsEntry("notice", "Genuine");
  }

  @Test
  void shouldRefuseAnAttributeItCannotCarry() {
    assertThatThrownBy(() -> save(flashMap("/", Map.of("list", List.of("a")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("String, Boolean or Integer");
  }

  private String save(FlashMap flashMap) {
    MockHttpServletResponse response = new MockHttpServletResponse();
    flash.saveOutputFlashMap(flashMap, request("/form", null, null), response);
    return cookieIn(response);
  }

  /** What the page at {@code path} receives (null: nothing), as a map. */
  private Map<String, Object> retrieve(String path, String cookie) {
    return flash.retrieveAndUpdate(request(path, null, cookie), new MockHttpServletResponse());
  }

  private static FlashMap flashMap(String path, Map<String, Object> values) {
    FlashMap flashMap = new FlashMap();
    flashMap.setTargetRequestPath(path);
    flashMap.putAll(values);
    return flashMap;
  }

  private static MockHttpServletRequest request(String path, String query, String cookie) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setQueryString(query);
    if (cookie != null) {
      request.setCookies(new Cookie(CookieFlashMapManager.COOKIE, cookie));
    }
    return request;
  }

  /** The value the response sets (checked against what a browser keeps: 4096 bytes). */
  private static String cookieIn(MockHttpServletResponse response) {
    String header = response.getHeader("Set-Cookie");
    assertThat(header).startsWith(CookieFlashMapManager.COOKIE + "=");
    String pair = header.split(";", 2)[0];
    assertThat(pair.getBytes(StandardCharsets.UTF_8).length).isLessThan(4096);
    return pair.substring(pair.indexOf('=') + 1);
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
