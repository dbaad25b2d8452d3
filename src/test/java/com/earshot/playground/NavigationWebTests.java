package com.earshot.playground;

import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import org.jsoup.select.Elements;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** The main navigation marks the entry of the page you are on, for eyes and for screen readers. */
@EarshotTest
class NavigationWebTests {

  @Autowired MockMvcTester mvc;

  final Authoring world = new Authoring();

  @ParameterizedTest
  @CsvSource({
    "/, /",
    "/manage/playgrounds, /manage/playgrounds",
    "/manage/playgrounds/new?type=ab_testing, /manage/playgrounds",
    "/admin/users, /admin/users",
    "/manage/audit, /manage/audit",
    "/account, /account"
  })
  void shouldMarkTheCurrentEntry(String path, String entry) {
    Person admin = world.admin("nav-admin");

    Elements current =
        page(mvc.get().uri(path).with(admin.signedIn()).exchange())
            .select("nav[aria-label=Main] a[aria-current=page]");

    assertThat(current).extracting(link -> link.attr("href")).containsExactly(entry);
    assertThat(current.first().hasClass("active")).isTrue();
  }
}
