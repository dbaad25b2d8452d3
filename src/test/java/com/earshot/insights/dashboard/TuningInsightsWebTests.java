package com.earshot.insights.dashboard;

import static com.earshot.support.Fixtures.choice;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import com.earshot.support.Pages;
import com.earshot.support.Person;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A tuning playground's Insights lead with the current version against the one before, each named
 * as it was then, and never mix versions in one number (issue 15 §7). The expected values were
 * worked out by hand: version 1 rated 2, 3, 4 (mean 3, s = 1, t(2) = 4.3027: 0.52 – 5.48), version
 * 2 rated 4, 5, 5, 4 (mean 4.5, s = 0.5774, t(3) = 3.1824: 3.58 – 5.42); both together would be
 * 3.86. Both intervals are shown cut at the ends of the 1–5 scale, as on every Insights page.
 */
@EarshotTest
class TuningInsightsWebTests {

  static final LocalDateTime DAY_ONE = LocalDateTime.of(2026, 11, 20, 10, 0);

  @Autowired MockMvcTester mvc;

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldLeadWithTheCurrentVersionAgainstThePreviousOneByTheirNamesThen() {
    Person admin = fixtures.adminPerson("tuning-insights");
    UUID playground = fixtures.playground(admin.id(), "tuning", true, null);
    UUID overall = fixtures.question(playground, null, "rating", null);
    UUID use = fixtures.selectQuestion(playground, null, "yes", "no");
    fixtures.renameQuestion(overall, "Overall");
    int[] first = {2, 3, 4};
    String[] firstUse = {"yes", "no", "no"};
    for (int i = 0; i < first.length; i++) {
      fixtures.submittedSession(
          playground,
          fixtures.tester("t1"),
          "model_a",
          1,
          1,
          1,
          DAY_ONE.plusHours(i),
          overall,
          first[i],
          use,
          choice(firstUse[i]));
    }
    // the agent changes, and its admin names the new version
    fixtures
        .jdbc()
        .sql(
            "UPDATE model_configurations SET configuration_version = 2, model_name = 'Warm v2' WHERE playground_id = ?")
        .param(playground)
        .update();
    int[] second = {4, 5, 5, 4};
    String[] secondUse = {"yes", "yes", "yes", "no"};
    for (int i = 0; i < second.length; i++) {
      fixtures.submittedSession(
          playground,
          fixtures.tester("t2"),
          "model_a",
          1,
          1,
          2,
          DAY_ONE.plusDays(1).plusHours(i),
          overall,
          second[i],
          use,
          choice(secondUse[i]));
    }

    MvcTestResult result =
        mvc.get()
            .uri("/manage/playgrounds/{id}/insights", playground)
            .with(admin.signedIn())
            .exchange();
    assertThat(result).hasStatusOk();
    Document page = Pages.page(result);

    Element lead = page.getElementById("tuning-lead");
    assertThat(lead).as("the lead comes before the headline numbers").isNotNull();
    assertThat(page.select("#tuning-lead ~ section[aria-labelledby=headline-title]")).hasSize(1);
    assertThat(lead.selectFirst("h2").text()).isEqualTo("Version 2 against version 1");
    Element table = lead.selectFirst("table[data-table=current-vs-previous]");
    assertThat(table.select("thead th[data-version]").eachText())
        .containsExactly("v1 · Model model_a", "v2 · Warm v2 (current)");
    assertThat(table.select("tr[data-row=sessions] td").eachText()).containsExactly("3", "4");
    Element rating = table.selectFirst("tr[data-question=" + overall + "]");
    assertThat(rating.selectFirst("td[data-cell=previous]").text())
        .isEqualTo("3.00 (" + Intervals.of(2, 3, 4) + "; n = 3)");
    assertThat(rating.selectFirst("td[data-cell=current]").text())
        .isEqualTo("4.50 (" + Intervals.of(4, 5, 5, 4) + "; n = 4)");
    assertThat(rating.selectFirst("th").text()).contains("1 poor … 5 excellent");

    Element choices =
        lead.selectFirst("table[data-table=choice-versions][data-question=" + use + "]");
    assertThat(choices.select("thead th").eachText())
        .containsExactly("Answer", "v1 · Model model_a (3)", "v2 · Warm v2 (4)");
    assertThat(choices.select("tr[data-value=yes] td").eachText())
        .containsExactly("1 (33.3%)", "3 (75.0%)");
    assertThat(choices.select("tr[data-value=no] td").eachText())
        .containsExactly("2 (66.7%)", "1 (25.0%)");

    Element trend = lead.selectFirst("table[data-table=trend]");
    assertThat(trend.select("tbody tr").eachAttr("data-version")).containsExactly("1", "2");
    assertThat(trend.select("tbody tr th").eachText())
        .containsExactly("v1 · Model model_a", "v2 · Warm v2");
    assertThat(trend.select("td[data-cell=mean]").eachText())
        .containsExactly("3.00 (3)", "4.50 (4)");
    assertThat(lead.select("svg.chart")).hasSize(1);

    // the question results below are version 2's alone, and say so
    assertThat(page.getElementById("ratings-title").text()).isEqualTo("Ratings of v2 · Warm v2");
    Element ratings = page.selectFirst("article[data-question=" + overall + "]");
    assertThat(ratings.selectFirst("td[data-cell=n]").text()).isEqualTo("4");
    assertThat(ratings.selectFirst("td[data-cell=mean]").text()).isEqualTo("4.50");
    Element uses = page.selectFirst("article[data-question=" + use + "]");
    assertThat(uses.selectFirst("tr[data-value=yes] td").text()).isEqualTo("3 (75.00%)");
  }

  @Test
  void shouldShowAFirstVersionAloneWithoutAComparison() {
    Person admin = fixtures.adminPerson("tuning-first");
    UUID playground = fixtures.playground(admin.id(), "tuning", true, null);
    UUID overall = fixtures.question(playground, null, "rating", null);
    fixtures.submittedSession(
        playground, fixtures.tester("t"), "model_a", 1, 1, 1, DAY_ONE, overall, 5);

    Document page =
        Pages.page(
            mvc.get()
                .uri("/manage/playgrounds/{id}/insights", playground)
                .with(admin.signedIn())
                .exchange());

    Element lead = page.getElementById("tuning-lead");
    assertThat(lead.selectFirst("h2").text()).isEqualTo("Version 1");
    assertThat(lead.select("td[data-cell=previous]")).isEmpty();
    assertThat(lead.selectFirst("tr[data-question=" + overall + "] td[data-cell=current]").text())
        .isEqualTo("5.00 (n = 1)");
  }

  @Test
  void shouldNotLeadAnAbTestWithVersions() {
    Person admin = fixtures.adminPerson("ab-no-lead");
    UUID playground = fixtures.abPlayground(admin.id());

    Document page =
        Pages.page(
            mvc.get()
                .uri("/manage/playgrounds/{id}/insights", playground)
                .with(admin.signedIn())
                .exchange());

    assertThat(page.getElementById("tuning-lead")).isNull();
  }
}
