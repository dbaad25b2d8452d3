package com.earshot.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.identity.Role;
import com.earshot.platform.Htmx;
import com.earshot.support.ClientAddresses;
import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Person;
import com.earshot.support.TestDatabase;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.beans.PropertyDescriptor;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.security.Principal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Hostile input on every route (issue 11, section 2): NUL, lone surrogates, control characters, 1
 * MB strings, huge and negative numbers, malformed ids and dates, row indexes no form has, and
 * parameter names no form sends, to every form and endpoint, as an anonymous visitor, a tester and
 * an admin. The routes and what each reads (request parameters, form drafts and their rows, path
 * variables, headers) come from the controllers themselves, so a new route or parameter is attacked
 * as soon as it exists; one the corpus cannot reach fails the test.
 *
 * <p>Each request is a valid one (a {@link #BASELINES baseline}: a real id, the current version,
 * the other fields filled in) with one input made hostile, so that the hostile value travels as
 * deep as it can. No answer may be a 5xx. A request that is refused (4xx, a redirect to sign in or
 * with an error notice) must leave the database as it was: every table's row count and newest row
 * version ({@code xmin}, which any insert, update or delete changes) before and after. Not
 * compared: {@code audit_log} (refusals are audited), {@code rate_limit_hits} (link requests count
 * against the limit whatever they ask for), {@code one_time_tokens} (a link sent) and Spring
 * Session's two tables (visitors get sessions); the scheduled clean-up may also delete from the
 * first three at any moment. A request that is accepted may change what it is for; the rows are
 * then built again, so the next request meets a fresh playground, session and version.
 */
@EarshotTest
class HostileInputTests {

  /**
   * Text that no form should fail on; each input gets some of it, the first two always. A single
   * character goes into the middle of what the baseline typed, where it travels furthest: the email
   * stays an email, the embed code a snippet with the NUL in an attribute.
   */
  static final List<String> TEXT =
      List.of(
          "\u0000",
          "\ud800",
          "before\u0000after",
          "\udc00",
          "ends in half \ud83d",
          "\u0001\u0007\u0008\u000b\u001b[31m\u007f\u0085\u009b",
          "\t\r\n \r\n",
          "\u202eevil\u202c\u200b\ufeff\u2028",
          "x".repeat(1_000_000),
          "é\u0000".repeat(100_000),
          "99999999999999999999",
          "-1",
          "-2147483649",
          "2147483648",
          "1e309",
          "NaN",
          "0x7fffffff",
          "not-a-uuid",
          "00000000-0000-0000-0000-00000000000g",
          "00000000-0000-0000-0000-000000000000",
          "+999999999-12-31T23:59:59",
          "-999999999-01-01T00:00:00",
          "2026-02-30",
          "0000-00-00",
          "9999-12-31T23:59:59.999999999",
          "",
          "   ",
          "'; DROP TABLE users; --",
          "<script>alert(1)</script>",
          "%00",
          "../../etc/passwd",
          "[[${7*7}]] __${7*7}__");

  /** An embed code as ElevenLabs gives it: a single character lands in its button text. */
  static final String SNIPPET =
      "<elevenlabs-convai action-text=\"Talk to the agent\" agent-id=\"agent_01jx7abc\">"
          + "</elevenlabs-convai>";

  /** Row numbers no form posts: each takes the place of the index in {@code options[0].label}. */
  static final List<String> INDEXES =
      List.of(
          "300",
          "-1",
          "abc",
          "5000",
          "999",
          "1000",
          "99999999999",
          "",
          " 1",
          "1.5",
          "0x1",
          "\u0000",
          "1]");

  /** Path variables that name nothing (beside each route's real ids). */
  static final List<String> PATHS =
      List.of(
          "not-a-uuid",
          "00000000-0000-0000-0000-000000000000",
          " ",
          "\u0000",
          "\ud800",
          "x".repeat(5000),
          "..",
          "-1",
          "99999999999999999999");

  /** Parameter names no form sends, added to every request of their probe. */
  static final List<String> NAMES =
      List.of(
          "\u0000", "q-\u0000", "\ud800", "class.module.classLoader.URLs[0]", "x".repeat(10_000));

  /** Values per input for an actor whose requests reach the handler, beside NUL and surrogates. */
  static final int SAMPLE = 4;

  /** Tables a refused request may still write to (see the class comment). */
  static final Set<String> RECORDING_TABLES =
      Set.of(
          "audit_log",
          "rate_limit_hits",
          "one_time_tokens",
          "spring_session",
          "spring_session_attributes");

  /** Routes that no request reaches, and why: checked for their answer instead. */
  static final Map<String, String> UNREACHABLE =
      Map.of("/error", "opened directly it answers 404 before any handler (RequestFilters)");

  /**
   * A valid request per route, so hostile values get past the first check (a missing field, a stale
   * version). Routes without one are attacked with nothing else filled in.
   */
  static final Map<String, Consumer<Form>> BASELINES = new HashMap<>();

  static {
    BASELINES.put("POST /login", form -> form.put("email", Fixtures.uniqueEmail("hostile")));
    BASELINES.put("GET /login/ott", form -> form.put("token", "AbCdEf0123456789"));
    BASELINES.put("POST /account", form -> form.put("fullName", "Ann Example"));
    BASELINES.put("GET /admin/users", form -> form.put("q", "example").put("page", "1"));
    BASELINES.put(
        "POST /admin/users/{id}/role",
        form -> form.put("role", "tester").put("q", "").put("page", "1"));
    BASELINES.put(
        "GET /admin/users/{id}/role",
        form -> form.put("role", "admin").put("q", "").put("page", "1"));
    BASELINES.put(
        "POST /sessions/{id}",
        form ->
            form.put("q-" + form.world.choice, "good")
                .put("q-" + form.world.text, "Clear and quick.")
                .put("q-" + form.world.rating, "4"));
    BASELINES.put(
        "POST /sessions/{id}/call",
        form -> form.put("event", "connected").put("conversationId", "conv_1"));
    BASELINES.put("POST /sessions/{id}/give-back", form -> form.put("reason", "widget_failed"));
    BASELINES.put(
        "POST /sessions/{id}/problem",
        form -> form.put("problemReason", "call_dropped").put("problemDetails", "It went quiet."));
    BASELINES.put("GET /manage/playgrounds/new", form -> form.put("type", "tuning"));
    BASELINES.put(
        "POST /manage/playgrounds",
        form ->
            form.put("type", "AB_TESTING")
                .put("name", "Voices")
                .put("description", "")
                .put("supportText", "")
                .put("access", "")
                .put("models[0].name", "Warm")
                .put("models[0].embedCode", SNIPPET)
                .put("models[0].maxEvaluations", "10")
                .put("models[1].name", "Crisp")
                .put("models[1].embedCode", "agent_crisp")
                .put("models[1].maxEvaluations", "10"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/details",
        form ->
            form.put("version", form.world.version)
                .put("name", "Renamed")
                .put("description", "What it is for")
                .put("supportText", "<p>Book a table.</p>"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/settings",
        form ->
            form.put("version", form.world.version)
                .put("reservationMinutes", "20")
                .put("maxRounds", "3")
                .put("requireCall", "false"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/access",
        form -> form.put("version", form.world.version).put("access", "@example.com"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/models/{key}",
        form ->
            form.put("version", form.world.modelVersion)
                .put("name", "Warmer")
                .put("embedCode", SNIPPET)
                .put("maxEvaluations", "60"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/closing-date",
        form -> form.put("closesAt", "2099-01-01T10:00"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/widget-loaded",
        form -> form.put("model", "model_a").put("version", "1"));
    BASELINES.put(
        "POST /manage/playgrounds/support-text-preview",
        form -> form.put("supportText", "<p>Hello</p>"));
    BASELINES.put("GET /manage/playgrounds/{id}/preview", form -> form.put("model", "model_b"));
    Consumer<Form> question =
        form ->
            form.put("text", "How natural was it?")
                .put("type", "select")
                .put("askedAbout", "both")
                .put("_required", "on")
                .put("required", "on")
                .put("options[0].label", "Natural")
                .put("options[0].value", "natural")
                .put("options[1].label", "Robotic")
                .put("options[1].value", "robotic");
    BASELINES.put("POST /manage/playgrounds/{id}/questions", question);
    BASELINES.put("POST /manage/playgrounds/{id}/questions/{question}", question);
    BASELINES.put(
        "POST /manage/playgrounds/{id}/questions/{question}/move",
        form -> form.put("direction", "1"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/questions/order",
        form -> form.put("order", form.world.rating, form.world.text, form.world.choice));
    BASELINES.put(
        "GET /manage/playgrounds/{id}/responses",
        form ->
            form.put("q", "quick")
                .put("model", "model_a")
                .put("question", form.world.text)
                .put("page", "1")
                .put("size", "20"));
    BASELINES.put(
        "GET /manage/playgrounds/{id}/sessions",
        form ->
            form.put("model", "model_a")
                .put("status", "assigned")
                .put("version", "1")
                .put("email", "hostile")
                .put("tester", form.world.tester)
                .put("page", "1")
                .put("size", "25"));
    BASELINES.put(
        "POST /manage/playgrounds/{id}/review",
        form ->
            form.put("minCallSeconds", "30")
                .put("minAnswerSeconds", "5")
                .put("revealingNames", "Warm\nCrisp")
                .put("criterion-" + form.world.choice, "resolved")
                .put("option-" + form.world.choice + "-0", "success")
                .put("option-" + form.world.choice + "-1", "failure"));
    BASELINES.put(
        "GET /manage/audit",
        form ->
            form.put("action", "playground.update")
                .put("resource", "playground")
                .put("from", "2026-01-01")
                .put("to", "2026-12-31")
                .put("page", "1"));
  }

  @Autowired MockMvcTester mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping controllers;

  /** One superuser connection for the whole attack: a connection per query would cost more. */
  SingleConnectionDataSource connection;

  Fixtures fixtures;
  JdbcClient db;

  @BeforeEach
  void oneConnection() throws SQLException {
    connection = new SingleConnectionDataSource(TestDatabase.superuser().getConnection(), true);
    fixtures = new Fixtures(JdbcClient.create(connection));
    db = fixtures.jdbc();
  }

  @AfterEach
  void closeIt() {
    connection.destroy();
  }

  World world;
  String fingerprint;
  final List<String> problems = new ArrayList<>();
  final Map<String, Set<String>> reached = new TreeMap<>();
  final Map<String, Set<String>> sent = new TreeMap<>();
  int requests;
  int accepted;

  @Test
  void shouldAnswerEveryRouteWithoutAServerErrorAndChangeNothingWhenRefusing() {
    long start = System.nanoTime();
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    List<Route> routes = routes();
    world = new World();
    fingerprint = fingerprint();
    for (Route route : routes) {
      for (Actor actor : Actor.values()) {
        attack(route, actor);
      }
    }
    System.out.printf(
        "Hostile input: %d routes, %d requests (%d accepted) in %.1f s, %.1f s of this thread's CPU%n",
        routes.size(),
        requests,
        accepted,
        (System.nanoTime() - start) / 1e9,
        (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9);
    assertThat(problems).isEmpty();
    for (Route route : routes) {
      if (route.handler() != null && !UNREACHABLE.containsKey(route.pattern())) {
        assertThat(reached.getOrDefault(route.name(), Set.of()))
            .as("the inputs of %s that reached its handler", route.name())
            .contains("baseline")
            .containsAll(sent.get(route.name()));
      }
    }
  }

  // --- the routes, from the controllers ------------------------------------------------------

  /** Every handler method, with what it reads; plus the two that Spring Security answers. */
  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    controllers
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              for (String pattern : patterns(info)) {
                for (HttpMethod method : methods(info)) {
                  routes.add(route(method, pattern, handler));
                }
              }
            });
    routes.add(new Route(HttpMethod.POST, "/login/ott", null, List.of(new Value("token"))));
    routes.add(new Route(HttpMethod.POST, "/logout", null, List.of()));
    Map<String, Route> byName = new TreeMap<>();
    for (Route route : routes) {
      // /error has two handlers (HTML and JSON), neither reached directly
      if (byName.putIfAbsent(route.name(), route) != null
          && !UNREACHABLE.containsKey(route.pattern())) {
        throw new AssertionError("Two handlers answer " + route.name() + ": teach the corpus");
      }
    }
    return List.copyOf(byName.values());
  }

  private static Set<String> patterns(RequestMappingInfo info) {
    return info.getPathPatternsCondition().getPatternValues();
  }

  private static List<HttpMethod> methods(RequestMappingInfo info) {
    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
    return methods.isEmpty()
        ? List.of(HttpMethod.GET, HttpMethod.POST)
        : methods.stream().map(method -> HttpMethod.valueOf(method.name())).toList();
  }

  private static Route route(HttpMethod method, String pattern, HandlerMethod handler) {
    Set<Probe> probes = new LinkedHashSet<>();
    Matcher variables = Pattern.compile("\\{\\*?(\\w+)[^}]*}").matcher(pattern);
    while (variables.find()) {
      probes.add(new PathValue(variables.group(1)));
    }
    for (MethodParameter parameter : handler.getMethodParameters()) {
      probes.addAll(probes(parameter, handler));
    }
    return new Route(method, pattern, handler, List.copyOf(probes));
  }

  /** What a handler's parameter reads from the request; a kind not known here fails the test. */
  private static List<Probe> probes(MethodParameter parameter, HandlerMethod handler) {
    Class<?> type = parameter.getParameterType();
    if (parameter.hasParameterAnnotation(PathVariable.class)) {
      return List.of(); // from the pattern
    }
    if (type == Htmx.class) {
      return List.of(new Header(Htmx.REQUEST_HEADER));
    }
    if (parameter.hasParameterAnnotation(RequestHeader.class)) {
      RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
      return List.of(new Header(named(parameter, header.name(), header.value())));
    }
    if (parameter.hasParameterAnnotation(RequestParam.class)) {
      RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
      String name = named(parameter, param.name(), param.value());
      return Map.class.isAssignableFrom(type)
          ? List.of(new Baseline()) // any field: those of the baseline
          : List.of(new Value(name));
    }
    if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
      return draft(type, "");
    }
    if (parameter.hasParameterAnnotation(AuthenticationPrincipal.class)
        || Model.class.isAssignableFrom(type)
        || RedirectAttributes.class.isAssignableFrom(type)
        || Errors.class.isAssignableFrom(type)
        || ServletRequest.class.isAssignableFrom(type)
        || ServletResponse.class.isAssignableFrom(type)
        || Authentication.class.isAssignableFrom(type)
        || Principal.class.isAssignableFrom(type)) {
      return List.of(); // not input, or what Spring Security vouches for
    }
    throw new AssertionError(
        "The corpus does not know how to reach parameter "
            + parameter.getParameterName()
            + " ("
            + type.getSimpleName()
            + ") of "
            + handler.getShortLogMessage()
            + ": teach it");
  }

  /** The name an annotation gives (as {@code name} or {@code value}), else the parameter's own. */
  private static String named(MethodParameter parameter, String name, String value) {
    return !name.isEmpty() ? name : !value.isEmpty() ? value : parameter.getParameterName();
  }

  /** A form draft's fields: its properties, and for a list of rows each row's properties. */
  private static List<Probe> draft(Class<?> type, String prefix) {
    List<Probe> probes = new ArrayList<>();
    for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
      if (property.getWriteMethod() == null) {
        continue;
      }
      String name = prefix + property.getName();
      if (BeanUtils.isSimpleProperty(property.getPropertyType())) {
        probes.add(new Value(name));
      } else if (List.class.isAssignableFrom(property.getPropertyType())) {
        Class<?> row =
            (Class<?>)
                ((ParameterizedType) property.getReadMethod().getGenericReturnType())
                    .getActualTypeArguments()[0];
        for (Probe field : draft(row, "")) {
          String sub = ((Value) field).name();
          probes.add(new Value(name + "[0]." + sub));
          probes.add(new Index(name + "[%s]." + sub));
        }
        probes.add(
            new Rows(name, 300, draft(row, "").stream().map(p -> ((Value) p).name()).toList()));
      } else {
        throw new AssertionError("A draft property the corpus does not know: " + name);
      }
    }
    return probes;
  }

  // --- the attack ----------------------------------------------------------------------------

  private void attack(Route route, Actor actor) {
    boolean reaches = send(route, actor, "baseline", form -> {}, null);
    for (Probe probe : inputs(route)) {
      sent.computeIfAbsent(route.name(), name -> new LinkedHashSet<>()).add(probe.key());
      List<String> values =
          reaches
              ? sample(
                  probe.values(), probe.fixed(), probe.more(), route.name() + probe.key() + actor)
              : probe.values().subList(0, 1);
      for (String value : values) {
        send(route, actor, probe.key(), form -> probe.apply(form, value), probe.describe(value));
      }
    }
  }

  /** The route's inputs, a map's fields spelled out, and names no form sends. */
  private List<Probe> inputs(Route route) {
    List<Probe> inputs = new ArrayList<>();
    for (Probe probe : route.probes()) {
      if (probe instanceof Baseline) {
        Form form = new Form(world, Actor.TESTER, route);
        BASELINES.getOrDefault(route.name(), f -> {}).accept(form);
        assertThat(form.params)
            .as("the baseline of %s, which takes a map", route.name())
            .isNotEmpty();
        IntStream.range(0, form.params.size()).forEach(i -> inputs.add(new BaselineField(i)));
      } else {
        inputs.add(probe);
      }
    }
    inputs.add(new Names());
    return inputs;
  }

  /** The first {@code fixed} values, then {@code more} of the rest: different ones per input. */
  private static List<String> sample(List<String> values, int fixed, int more, String input) {
    List<String> sample = new ArrayList<>(values.subList(0, Math.min(fixed, values.size())));
    int rest = values.size() - sample.size();
    int offset = Math.floorMod(input.hashCode(), Math.max(rest, 1));
    for (int i = 0; i < Math.min(more, rest); i++) {
      sample.add(values.get(fixed + (offset + i * 3) % rest));
    }
    return sample.stream().distinct().toList();
  }

  /** Sends one request; true when it reached the route's handler. */
  private boolean send(
      Route route, Actor actor, String probe, Consumer<Form> hostile, String description) {
    Form form = new Form(world, actor, route);
    Consumer<Form> baseline = BASELINES.getOrDefault(route.name(), f -> {});
    baseline.accept(form);
    hostile.accept(form);
    MockMvcRequestBuilder request =
        mvc.method(route.method())
            .uri(route.pattern().replaceAll("\\{\\*?(\\w+)[^}]*}", "{$1}"), form.pathValues())
            .header("Accept", "text/html")
            .with(ClientAddresses.from(ClientAddresses.unique()));
    form.headers.forEach((name, value) -> request.header(name, value));
    form.params.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
    if (actor.role != null) {
      request.with(
          new Person(
                  actor.role == Role.ADMIN ? world.admin : world.tester,
                  actor.role == Role.ADMIN ? world.adminEmail : world.testerEmail,
                  actor.role)
              .signedIn());
    }
    if (route.method() != HttpMethod.GET) {
      request.with(csrf());
    }
    MvcTestResult result = request.exchange();
    requests++;

    String what =
        route.name() + " as " + actor + (description == null ? " (baseline)" : ": " + description);
    if (result.getUnresolvedException() != null) {
      problems.add(what + " → " + result.getUnresolvedException());
      world = new World();
      fingerprint = fingerprint();
      return false;
    }
    int status = result.getResponse().getStatus();
    boolean reachedHandler =
        route.handler() != null
            && result.getMvcResult().getHandler() instanceof HandlerMethod handler
            && handler.getMethod().equals(route.handler().getMethod());
    if (reachedHandler) {
      reached.computeIfAbsent(route.name(), name -> new LinkedHashSet<>()).add(probe);
    }
    if (status >= 500) {
      problems.add(what + " → " + status + " " + result.getMvcResult().getResolvedException());
    }
    if (UNREACHABLE.containsKey(route.pattern()) && status != 404) {
      problems.add(what + " → " + status + ", not 404: " + UNREACHABLE.get(route.pattern()));
    }
    String after = fingerprint();
    if (!after.equals(fingerprint)) {
      if (refused(result)) {
        problems.add(what + " → " + status + ", refused, yet wrote " + changed(fingerprint, after));
      } else {
        accepted++;
      }
      world = new World();
      after = fingerprint();
    }
    fingerprint = after;
    if (description == null
        && actor.owns(route)
        && BASELINES.containsKey(route.name())
        && refused(result)) {
      problems.add(what + " → " + status + ": the baseline itself is refused, fix it");
    }
    return reachedHandler;
  }

  /** A 4xx, a redirect to sign in, or a redirect with an error notice. */
  private static boolean refused(MvcTestResult result) {
    int status = result.getResponse().getStatus();
    String location = String.valueOf(result.getResponse().getRedirectedUrl());
    return status >= 400
        || status >= 300
            && (location.matches(".*/login([?#].*)?")
                || result.getMvcResult().getFlashMap().containsKey("error"));
  }

  // --- what the database holds ---------------------------------------------------------------

  /** Per table: its row count and newest row version; any insert, update or delete changes it. */
  private String fingerprint() {
    return String.join("\n", db.sql(fingerprintQuery()).query(String.class).list());
  }

  private String fingerprintQuery;

  private String fingerprintQuery() {
    if (fingerprintQuery == null) {
      List<String> tables =
          db
              .sql(
                  """
                  SELECT table_name FROM information_schema.tables
                  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
                  """)
              .query(String.class)
              .list()
              .stream()
              .filter(table -> !RECORDING_TABLES.contains(table))
              .toList();
      assertThat(tables).contains("users", "playgrounds", "evaluations", "evaluation_sessions");
      fingerprintQuery =
          String.join(
              " UNION ALL ",
              tables.stream()
                  .map(
                      table ->
                          "(SELECT '%s ' || count(*) || ' ' || coalesce(max(xmin::text::bigint), 0) FROM %s)"
                              .formatted(table, table))
                  .toList());
    }
    return fingerprintQuery;
  }

  private static String changed(String before, String after) {
    List<String> old = List.of(before.split("\n"));
    return List.of(after.split("\n")).stream()
        .filter(line -> !old.contains(line))
        .map(line -> line.substring(0, line.indexOf(' ')))
        .toList()
        .toString();
  }

  // --- the corpus's vocabulary ---------------------------------------------------------------

  enum Actor {
    ANONYMOUS(null),
    TESTER(Role.TESTER),
    ADMIN(Role.ADMIN);

    final Role role;

    Actor(Role role) {
      this.role = role;
    }

    /** The actor whose baseline must be accepted: the admin on admin pages, else the tester. */
    boolean owns(Route route) {
      boolean admin = route.pattern().startsWith("/manage") || route.pattern().startsWith("/admin");
      boolean anonymous = route.pattern().startsWith("/login");
      return this == (admin ? ADMIN : anonymous ? ANONYMOUS : TESTER);
    }
  }

  record Route(HttpMethod method, String pattern, HandlerMethod handler, List<Probe> probes) {

    String name() {
      return method + " " + pattern;
    }
  }

  /** One input of a route, and the hostile values it gets. */
  sealed interface Probe {
    String name();

    /** How many of the first values every actor that reaches the handler sends. */
    default int fixed() {
      return 2;
    }

    /** How many more, different for each input and actor. */
    default int more() {
      return SAMPLE;
    }

    /** Names the input among a route's others. */
    default String key() {
      return getClass().getSimpleName() + " " + name();
    }

    List<String> values();

    void apply(Form form, String value);

    default String describe(String value) {
      return name() + "=" + shown(value);
    }
  }

  /** A field: its value replaced. */
  record Value(String name) implements Probe {
    public List<String> values() {
      return TEXT;
    }

    public void apply(Form form, String value) {
      form.params.put(name, List.of(typedWith(form.params.getFirst(name), value)));
    }
  }

  /** A row field, at a row number no form has. */
  record Index(String name) implements Probe {
    public List<String> values() {
      return INDEXES;
    }

    public void apply(Form form, String index) {
      form.params.add(name.formatted(index), "typed");
    }

    public int fixed() {
      return 4;
    }

    public String describe(String index) {
      return shown(name.formatted(index)) + "=typed";
    }
  }

  /** More rows than a form takes: {@code count} of them, each field filled in. */
  record Rows(String name, int count, List<String> fields) implements Probe {
    public List<String> values() {
      return List.of(String.valueOf(count));
    }

    public void apply(Form form, String count) {
      IntStream.range(0, Integer.parseInt(count))
          .forEach(
              row ->
                  fields.forEach(
                      field ->
                          form.params.put(name + "[" + row + "]." + field, List.of("r" + row))));
    }

    public String describe(String count) {
      return count + " " + name;
    }
  }

  /** A path variable: a real id in every other request, here one that names nothing. */
  record PathValue(String name) implements Probe {
    public List<String> values() {
      return PATHS;
    }

    public int more() {
      return 2;
    }

    public void apply(Form form, String value) {
      form.paths.put(name, value);
    }

    public String describe(String value) {
      return "{" + name + "}=" + shown(value);
    }
  }

  record Header(String name) implements Probe {
    public List<String> values() {
      return TEXT.stream().filter(value -> value.length() < 1000).toList();
    }

    public void apply(Form form, String value) {
      form.headers.put(name, typedWith(form.headers.get(name), value));
    }

    public String describe(String value) {
      return "header " + name + ": " + shown(value);
    }
  }

  /** The fields a route takes as a map: those of its baseline, each made hostile in turn. */
  record Baseline() implements Probe {
    public String name() {
      return "map";
    }

    public List<String> values() {
      return List.of();
    }

    public void apply(Form form, String value) {}
  }

  /** The n-th field of a route's baseline (a form whose field names are ids: q-{question}). */
  record BaselineField(int position) implements Probe {
    public String name() {
      return "baseline field " + position;
    }

    public List<String> values() {
      return TEXT;
    }

    public void apply(Form form, String value) {
      String field = new ArrayList<>(form.params.keySet()).get(position);
      form.params.put(field, List.of(typedWith(form.params.getFirst(field), value)));
    }
  }

  /** Parameter names no form sends, beside the baseline. */
  record Names() implements Probe {
    public String name() {
      return "names";
    }

    public List<String> values() {
      return NAMES;
    }

    public int fixed() {
      return 1;
    }

    public int more() {
      return 1;
    }

    public void apply(Form form, String name) {
      form.params.add(name, "typed");
    }

    public String describe(String name) {
      return "parameter named " + shown(name);
    }
  }

  /** A single character in the middle of what was typed; anything else in its place. */
  static String typedWith(String typed, String hostile) {
    if (hostile.length() != 1) {
      return hostile;
    }
    String text = typed == null || typed.isEmpty() ? "before after" : typed;
    return text.substring(0, text.length() / 2) + hostile + text.substring(text.length() / 2);
  }

  static String shown(String value) {
    String escaped =
        value
            .codePoints()
            .limit(40)
            .mapToObj(
                c ->
                    c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate((char) c)
                        ? "\\u%04x".formatted(c)
                        : Character.toString(c))
            .reduce("", String::concat);
    return value.length() > 40 ? escaped + "…(" + value.length() + " chars)" : escaped;
  }

  /** One request's fields, path variables and headers, as they are built. */
  static final class Form {
    final World world;
    final MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
    final Map<String, String> paths = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    final Route route;

    Form(World world, Actor actor, Route route) {
      this.world = world;
      this.route = route;
      Matcher variables = Pattern.compile("\\{\\*?(\\w+)[^}]*}").matcher(route.pattern());
      while (variables.find()) {
        paths.put(variables.group(1), world.real(route.pattern(), variables.group(1), actor));
      }
    }

    Form put(String name, Object... values) {
      params.put(name, new ArrayList<>(List.of(values).stream().map(String::valueOf).toList()));
      return this;
    }

    Object[] pathValues() {
      return paths.values().toArray();
    }
  }

  /** The rows every request runs against: an admin's A/B playground, a tester, their sessions. */
  final class World {
    final UUID admin = fixtures.admin("hostile-owner");
    final String adminEmail = fixtures.emailOf(admin);
    final UUID tester = fixtures.tester("hostile-tester");
    final String testerEmail = fixtures.emailOf(tester);
    final UUID playground = fixtures.abPlayground(admin);
    final UUID choice = fixtures.selectQuestion(playground, null, "good", "bad");
    final UUID text = fixtures.question(playground, null, "input_string", null);
    final UUID rating = fixtures.question(playground, null, "rating", null);
    final UUID testerSession = fixtures.assignedSession(playground, tester, "model_a");
    final UUID adminSession = fixtures.assignedSession(playground, admin, "model_a");
    final String version = updatedAt("playgrounds", "id");
    final String modelVersion =
        db.sql(
                "SELECT updated_at FROM model_configurations WHERE playground_id = ? AND model_key = 'model_a'")
            .param(playground)
            .query(LocalDateTime.class)
            .single()
            .toString();

    private String updatedAt(String table, String column) {
      return db.sql("SELECT updated_at FROM " + table + " WHERE " + column + " = ?")
          .param(playground)
          .query(LocalDateTime.class)
          .single()
          .toString();
    }

    /** The real value of a path variable, as the actor's own pages link to it. */
    String real(String pattern, String variable, Actor actor) {
      return switch (variable) {
        case "id" ->
            pattern.startsWith("/sessions/")
                ? String.valueOf(actor == Actor.ADMIN ? adminSession : testerSession)
                : pattern.startsWith("/admin/users/") ? tester.toString() : playground.toString();
        case "key" -> "model_a";
        case "file" -> "answers.csv";
        case "question" -> choice.toString();
        case "sessionId" -> testerSession.toString();
        default ->
            throw new AssertionError(
                "No real value for {" + variable + "} in " + pattern + ": add one to World.real");
      };
    }
  }
}
