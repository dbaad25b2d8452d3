package com.earshot.evaluation;

import com.earshot.evaluation.CallService.GiveBackReason;
import com.earshot.platform.Htmx;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Around a tester's call: what the page reports of the widget and the call, the tester's report of
 * a problem, and giving the agent back.
 */
@Controller
class CallController {

  private final CallService calls;
  private final AssignmentService assignments;

  CallController(CallService calls, AssignmentService assignments) {
    this.calls = calls;
    this.assignments = assignments;
  }

  /**
   * What the page saw: the call {@code started}, {@code connected} (with the conversation id),
   * {@code ended}, or the widget failed to load ({@code widget_failed}, with how).
   */
  @PostMapping("/sessions/{id}/call")
  ResponseEntity<String> call(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String event,
      @RequestParam(required = false) String conversationId,
      @RequestParam(required = false) String failure) {
    try {
      switch (event) {
        case "started" -> calls.callStarted(id);
        case "connected" -> calls.callConnected(id, conversationId);
        case "ended" -> calls.callEnded(id);
        case "widget_failed" -> calls.widgetFailed(id, failure);
        default ->
            throw InvalidInputException.of(
                "event", "The event is started, connected, ended or widget_failed.");
      }
    } catch (InvalidInputException e) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
    return ResponseEntity.noContent().build();
  }

  /** Ends the session at once and frees its slot; then the playground offers the next agent. */
  @PostMapping("/sessions/{id}/give-back")
  String giveBack(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "tester_choice") String reason,
      Model page,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    GiveBackReason why =
        "widget_failed".equals(reason)
            ? GiveBackReason.WIDGET_FAILED
            : GiveBackReason.TESTER_CHOICE;
    EvaluationSession session = calls.giveBack(id, why);
    if (session.isGivenBack()) {
      redirect.addFlashAttribute(
          "notice", "You gave the agent back: its place is free for another tester.");
      return "redirect:/playgrounds/" + session.playgroundId();
    }
    try {
      page.addAttribute("front", assignments.front(session.playgroundId()));
    } catch (NotFoundException e) {
      return "redirect:/";
    }
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    page.addAttribute(
        "refused",
        "Your answers about this agent are already submitted, so it cannot be given back.");
    return "evaluation/playground";
  }

  /**
   * Stores the tester's report of a problem. The page sends it with htmx and swaps in the form's
   * fragment: 400 with the message at the field when it needs fixing, everything typed kept (and
   * the answers below it untouched). A plain post comes back to the session page, or, to be fixed,
   * to a page of its own.
   */
  @PostMapping("/sessions/{id}/problem")
  String reportProblem(
      @PathVariable UUID id,
      @Valid @ModelAttribute("problem") ProblemForm form,
      BindingResult binding,
      Htmx htmx,
      Model page,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    form.about(id);
    if (binding.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    } else {
      EvaluationSession session = calls.reportProblem(id, form.problem());
      if (session.isSubmitted() || session.isGivenBack()) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        form.ended();
      } else if (!htmx.isRequest()) {
        redirect.addFlashAttribute("notice", ProblemForm.SAVED);
        return "redirect:/sessions/" + id;
      } else {
        page.addAttribute("problem", ProblemForm.of(session).saved());
      }
    }
    return htmx.isRequest() ? "fragments/agent :: problem" : "evaluation/problem";
  }
}
