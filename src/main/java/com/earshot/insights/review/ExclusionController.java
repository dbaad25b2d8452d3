package com.earshot.insights.review;

import com.earshot.platform.web.InvalidInputException;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The session page's exclusion form ({@code fragments/exclusion.html}): excludes a session from the
 * statistics or re-includes it, and goes back to the session, where a refusal is shown at its field
 * with the reason as typed.
 */
@Controller
class ExclusionController {

  private final SessionReview review;

  ExclusionController(SessionReview review) {
    this.review = review;
  }

  @PostMapping("/manage/playgrounds/{id}/sessions/{sessionId}/exclusion")
  String decide(
      @PathVariable UUID id,
      @PathVariable UUID sessionId,
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    try {
      SessionReview.State state = review.decide(id, sessionId, action, reason);
      redirect.addFlashAttribute(
          "notice",
          state.leftOut()
              ? "Session excluded: the statistics leave it out."
              : "Session included: the statistics count it.");
    } catch (InvalidInputException e) {
      // Flash attributes are plain values: one per field.
      e.fieldErrors()
          .forEach(
              (field, message) ->
                  redirect.addFlashAttribute(
                      "exclusion"
                          + Character.toUpperCase(field.charAt(0))
                          + field.substring(1)
                          + "Error",
                      message));
      redirect.addFlashAttribute("exclusionReason", reason);
    }
    return "redirect:/manage/playgrounds/" + id + "/sessions/" + sessionId + "#exclusion";
  }
}
