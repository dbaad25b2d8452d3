package com.earshot.insights.responses;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Manage › a playground › Open responses: the free-text answers, searchable and paged, each one
 * click away from its session. The filters live in the address, so a result can be bookmarked.
 */
@Controller
class ResponsesController {

  private final ResponsesService responses;

  ResponsesController(ResponsesService responses) {
    this.responses = responses;
  }

  @GetMapping("/manage/playgrounds/{id}/responses")
  String responses(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "") String model,
      @RequestParam(defaultValue = "") String question,
      @RequestParam(defaultValue = "") String page,
      @RequestParam(defaultValue = "") String size,
      Model view,
      HttpServletResponse response) {
    ResponsesPage result =
        responses.responses(id, new ResponsesRequest(q, model, question, page, size));
    if (!result.problems().isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    view.addAttribute("result", result);
    return "insights/responses";
  }

  @GetMapping("/manage/playgrounds/{id}/sessions/{sessionId}")
  String session(@PathVariable UUID id, @PathVariable UUID sessionId, Model view) {
    view.addAttribute("detail", responses.session(id, sessionId));
    return "insights/session";
  }
}
