package com.earshot.evaluation;

import com.earshot.platform.security.ContentSecurityPolicy;
import com.earshot.platform.web.Idempotent;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.ModelConfiguration;
import com.earshot.playground.PlaygroundType;
import com.earshot.playground.WidgetPage;
import com.earshot.playground.WidgetSettings;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A tester's session: the agent, the form and the submit ({@link CallController}: the call). */
@Controller
class SessionController {

  private final SubmissionService submissions;
  private final AssignmentService assignments;
  private final WidgetSettings widget;
  private final PreferenceService preferences;

  SessionController(
      SubmissionService submissions,
      AssignmentService assignments,
      WidgetSettings widget,
      PreferenceService preferences) {
    this.submissions = submissions;
    this.assignments = assignments;
    this.widget = widget;
    this.preferences = preferences;
  }

  @GetMapping("/sessions/{id}")
  String show(@PathVariable UUID id, Model page, HttpServletResponse response) {
    EvaluationSession session = submissions.session(id);
    if (session.isSubmitted() || session.isGivenBack()) {
      return "redirect:/playgrounds/" + session.playgroundId();
    }
    return render(session, Map.of(), Map.of(), null, page, response);
  }

  /**
   * The tester's answers: on to the other agent, back to the playground (the round complete, or
   * nothing more to give), or the form again with what needs fixing. A repeat of a submit that was
   * saved (double click, retry after an outage) is told so again.
   */
  @PostMapping("/sessions/{id}")
  @Idempotent
  String submit(
      @PathVariable UUID id,
      @RequestParam Map<String, String> form,
      Model page,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    SubmissionOutcome outcome = submissions.submit(id, form);
    if (outcome instanceof SubmissionOutcome.Saved saved) {
      return next(saved, redirect);
    }
    if (outcome instanceof SubmissionOutcome.SavedNextUnknown saved) {
      page.addAttribute("playgroundId", saved.session().playgroundId());
      return "evaluation/saved";
    }
    if (outcome instanceof SubmissionOutcome.Invalid invalid) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return render(
          invalid.session(),
          invalid.answers(),
          invalid.errors(),
          invalid.message(),
          page,
          response);
    }
    response.setStatus(HttpServletResponse.SC_CONFLICT);
    if (outcome instanceof SubmissionOutcome.LimitReached limit) {
      page.addAttribute("limitReached", true);
      page.addAttribute("lapsed", limit.lapsed());
      return render(limit.session(), limit.answers(), Map.of(), null, page, response);
    }
    page.addAttribute("answers", ((SubmissionOutcome.Unavailable) outcome).answers());
    return "evaluation/unavailable";
  }

  /**
   * After a saved submit: the other agent; the round's preference question, when the playground
   * asks it; or the playground saying how the round stands.
   */
  private String next(SubmissionOutcome.Saved saved, RedirectAttributes redirect) {
    Optional<EvaluationSession> nextAgent = saved.nextAgent();
    if (nextAgent.isPresent()) {
      redirect.addFlashAttribute(
          "notice", "Thank you! Now meet Agent " + nextAgent.get().position() + " of 2.");
      return "redirect:/sessions/" + nextAgent.get().id();
    }
    if (asksPreference(saved.session())) {
      return "redirect:/sessions/" + saved.session().id() + "/preference";
    }
    redirect.addFlashAttribute("submitted", true);
    if (saved.next() instanceof Assignment.Closed closed) {
      redirect.addFlashAttribute("closed", closed.reason().name());
    }
    return "redirect:/playgrounds/" + saved.session().playgroundId();
  }

  /** Whether to ask the round's preference; the answers stand whatever goes wrong in asking. */
  private boolean asksPreference(EvaluationSession session) {
    try {
      return preferences.isAsked(session);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private String render(
      EvaluationSession session,
      Map<String, String> answers,
      Map<String, String> errors,
      String message,
      Model page,
      HttpServletResponse response) {
    PlaygroundState front;
    try {
      front = assignments.front(session.playgroundId());
    } catch (NotFoundException e) {
      page.addAttribute("answers", answers);
      return "evaluation/unavailable";
    }
    ModelConfiguration model = front.playground().model(session.modelKey()).orElseThrow();
    WidgetPage agent = widget.page(model, session.callReference().toString());
    response.setHeader(ContentSecurityPolicy.HEADER, agent.policy());
    page.addAttribute("playground", front.playground());
    page.addAttribute("current", session);
    page.addAttribute("of", front.playground().type() == PlaygroundType.AB_TESTING ? 2 : 1);
    page.addAttribute("questions", front.playground().questionsFor(session.modelKey()));
    page.addAttribute("widget", agent);
    if (!page.containsAttribute("problem")) {
      page.addAttribute("problem", ProblemForm.of(session));
    }
    page.addAttribute("answers", answers);
    page.addAttribute("errors", errors);
    page.addAttribute("message", message);
    return "evaluation/session";
  }
}
