package com.earshot.evaluation;

import com.earshot.platform.web.Idempotent;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The head-to-head question at the end of a round ({@link PreferenceService}), reached by any
 * session of the round: answered, or skipped, the tester goes on to the playground's "round
 * complete" or "finished". Only the round's own tester reaches it (404 for anyone else).
 */
@Controller
class PreferenceController {

  private final PreferenceService preferences;
  private final AssignmentService assignments;

  PreferenceController(PreferenceService preferences, AssignmentService assignments) {
    this.preferences = preferences;
    this.assignments = assignments;
  }

  @GetMapping("/sessions/{id}/preference")
  String show(@PathVariable UUID id, Model page, RedirectAttributes redirect) {
    PreferenceService.Round round = preferences.round(id);
    if (round.answered()) {
      return roundDone(round, redirect);
    }
    return render(round, Map.of(), null, null, page);
  }

  @PostMapping("/sessions/{id}/preference")
  @Idempotent
  String answer(
      @PathVariable UUID id,
      @RequestParam(required = false) String verdict,
      @RequestParam(required = false) String reason,
      Model page,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    PreferenceService.Outcome outcome = preferences.answer(id, verdict, reason);
    if (outcome instanceof PreferenceService.Outcome.Invalid invalid) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return render(invalid.round(), invalid.errors(), invalid.verdict(), invalid.reason(), page);
    }
    return roundDone(((PreferenceService.Outcome.Saved) outcome).round(), redirect);
  }

  /** Skipping stores nothing: the tester just goes on. */
  @GetMapping("/sessions/{id}/preference/skip")
  String skip(@PathVariable UUID id, RedirectAttributes redirect) {
    return roundDone(preferences.round(id), redirect);
  }

  /** The playground, saying the round is complete (or the tester finished), as after a submit. */
  private String roundDone(PreferenceService.Round round, RedirectAttributes redirect) {
    UUID playground = round.playground().id();
    redirect.addFlashAttribute("submitted", true);
    if (assignments.nextInRound(playground) instanceof Assignment.Closed closed) {
      redirect.addFlashAttribute("closed", closed.reason().name());
    }
    return "redirect:/playgrounds/" + playground;
  }

  private static String render(
      PreferenceService.Round round,
      Map<String, String> errors,
      String verdict,
      String reason,
      Model page) {
    page.addAttribute("playground", round.playground());
    page.addAttribute("round", round.number());
    page.addAttribute("sessionId", round.second().id());
    page.addAttribute("verdicts", Arrays.asList(PreferenceVerdict.values()));
    page.addAttribute("verdict", verdict);
    page.addAttribute("reason", reason);
    page.addAttribute("errors", errors);
    page.addAttribute("maxReason", PreferenceService.MAX_REASON);
    return "evaluation/preference";
  }
}
