package com.earshot.playground;

import static com.earshot.support.Pages.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.earshot.support.EarshotTest;
import com.earshot.support.Person;
import java.util.UUID;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

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

  @Test
  void shouldMarkTheCurrentEntryOnAnEditorThatCameBackWithErrors() {
    Person admin = world.admin("nav-errors");
    UUID id = world.fixtures.abPlayground(admin.id());

    MvcTestResult result =
        mvc.post()
            .uri("/manage/playgrounds/{id}/details", id)
            .with(admin.signedIn())
            .with(csrf())
            .param("version", world.playground(id).updatedAt().toString())
            .param("name", "")
            .exchange();

    assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    assertThat(page(result).select("nav[aria-label=Main] a[aria-current=page]").eachAttr("href"))
        .containsExactly("/manage/playgrounds");
  }
}
