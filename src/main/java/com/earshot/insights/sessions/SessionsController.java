package com.earshot.insights.sessions;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Manage › a playground › Sessions: every session of the playground, filtered and paged, each one
 * click away from its session page; with {@code tester=<user id>}, one tester's sessions. The
 * filters live in the address, so a result can be bookmarked.
 */
@Controller
class SessionsController {

  private final SessionList sessions;

  SessionsController(SessionList sessions) {
    this.sessions = sessions;
  }

  @GetMapping("/manage/playgrounds/{id}/sessions")
  String sessions(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String model,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String version,
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String tester,
      @RequestParam(defaultValue = "") String flag,
      @RequestParam(defaultValue = "") String page,
      @RequestParam(defaultValue = "") String size,
      Model view,
      HttpServletResponse response) {
    SessionsPage result =
        sessions.page(
            id, new SessionsRequest(model, status, version, email, tester, flag, page, size));
    if (!result.problems().isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    view.addAttribute("result", result);
    return "insights/sessions";
  }
}
