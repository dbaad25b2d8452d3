package com.earshot.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.earshot.EarshotApplication;
import com.earshot.support.ClientAddresses;
import com.earshot.support.Fixtures;
import com.earshot.support.ForgedHosts;
import com.earshot.support.MailInbox;
import com.earshot.support.RawHttp;
import com.earshot.support.TestDatabase;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where Earshot takes its public address from, and whose word it takes for a client's: sign-in
 * links from the configured base URL only (refusing to start with a mail server and none, or an
 * unusable one), on localhost without a mail server; forwarded headers trusted from loopback only.
 * One Earshot with the default settings and no mail server runs for the class, on a free port.
 */
@ExtendWith(OutputCaptureExtension.class)
class PublicAddressTests {

  static ConfigurableApplicationContext app;
  static int port;

  @BeforeAll
  static void startWithoutAMailServer() {
    app =
        new SpringApplicationBuilder(EarshotApplication.class)
            .properties(withTestDatabase(Map.of("server.port", 0)))
            .run();
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void shouldRefuseToStartWithAMailServerButNoBaseUrl(CapturedOutput output) {
    assertThatThrownBy(() -> startWithMail("")).hasRootCauseInstanceOf(BaseUrlException.class);

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "EARSHOT_BASE_URL must be set when sign-in links are mailed (SPRING_MAIL_HOST is set):"
                + " the links point at it, never at the address a request names.")
        .contains("Set EARSHOT_BASE_URL to the address people open Earshot at")
        .doesNotContain("\tat com.earshot");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "earshot.acme.com",
        "ftp://earshot.acme.com",
        "https://admin:secret@earshot.acme.com",
        "https://earshot.acme.com/?next=elsewhere"
      })
  void shouldRefuseToStartWithABaseUrlThatIsNotAnAbsoluteHttpAddress(
      String baseUrl, CapturedOutput output) {
    assertThatThrownBy(() -> startWithMail(baseUrl)).hasRootCauseInstanceOf(BaseUrlException.class);

    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "EARSHOT_BASE_URL must be an absolute http:// or https:// address, like"
                + " https://earshot.acme.com.")
        .doesNotContain("secret")
        .doesNotContain("\tat com.earshot");
  }

  @Test
  void shouldEndItsStartUpLogWithWhereToOpenItAndWhereSignInLinksGo(CapturedOutput output) {
    String ready =
        "Earshot is ready: open http://localhost:%d. Sign-in links will appear in this log"
                .formatted(port)
            + " (no mail server is configured: SPRING_MAIL_HOST mails them).";

    assertThat(output.getOut()).contains(ready);
  }

  static List<Map<String, String>> forgedHosts() {
    return ForgedHosts.headers();
  }

  @ParameterizedTest
  @MethodSource("forgedHosts")
  void shouldLinkToLocalhostOnItsOwnPortWithoutAMailServer(
      Map<String, String> forged, CapturedOutput output) {
    String email = Fixtures.uniqueEmail("local");
    Map<String, String> headers = new LinkedHashMap<>(forged);
    headers.put("X-Forwarded-For", ClientAddresses.unique());

    assertThat(new RawHttp("127.0.0.1", port).requestSignInLink(email, headers).status())
        .isEqualTo(302);

    Matcher logged =
        Pattern.compile(
                "Sign-in link for " + Pattern.quote(email) + " \\(valid 10 minutes\\): (\\S+)")
            .matcher(output.getOut());
    assertThat(logged.find()).as("the link in the log").isTrue();
    assertThat(logged.group(1)).matches("http://localhost:" + port + "/login/ott\\?token=[\\w-]+");
  }

  @Test
  void shouldTrustForwardedHeadersFromLoopbackOnly() {
    RemoteIpValve valve = remoteIpValveOf(app);
    List<String> loopback = List.of("127.0.0.1", "127.10.20.30", "0:0:0:0:0:0:0:1");
    List<String> others =
        List.of(
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "100.64.0.1",
            "169.254.1.1",
            "fd00:0:0:0:0:0:0:2",
            "fe80:0:0:0:0:0:0:1",
            "203.0.113.9");

    assertThat(Stream.concat(loopback.stream(), others.stream()).filter(a -> trusts(valve, a)))
        .as("the sources whose X-Forwarded-For the running Tomcat believes")
        .containsExactlyElementsOf(loopback);
  }

  private static ConfigurableApplicationContext startWithMail(String baseUrl) {
    Map<String, Object> properties = new HashMap<>(MailInbox.properties());
    properties.put("EARSHOT_BASE_URL", baseUrl);
    return new SpringApplicationBuilder(EarshotApplication.class)
        .web(WebApplicationType.NONE)
        .properties(withTestDatabase(properties))
        .run();
  }

  private static Map<String, Object> withTestDatabase(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(TestDatabase.properties());
    all.putAll(properties);
    all.put("spring.main.banner-mode", "off");
    return all;
  }

  private static RemoteIpValve remoteIpValveOf(ConfigurableApplicationContext context) {
    TomcatWebServer server =
        (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
    for (Valve valve : server.getTomcat().getEngine().getPipeline().getValves()) {
      if (valve instanceof RemoteIpValve remoteIp) {
        return remoteIp;
      }
    }
    throw new AssertionError("No RemoteIpValve in the running Tomcat");
  }

  /**
   * The valve's own decision for a connection from {@code address}: its internal proxies are a list
   * of CIDR ranges or a regular expression, and only the valve knows which it took them for.
   */
  private static boolean trusts(RemoteIpValve valve, String address) {
    try {
      Method isInternalProxy =
          RemoteIpValve.class.getDeclaredMethod("isInternalProxy", String.class);
      isInternalProxy.setAccessible(true);
      return (boolean) isInternalProxy.invoke(valve, address);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
