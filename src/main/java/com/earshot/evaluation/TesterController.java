package com.earshot.evaluation;

import com.earshot.invitation.Invitations;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The tester's home and a playground's front page: where they stand, and the way in. */
@Controller
class TesterController {

  private final AssignmentService assignments;
  private final Invitations invitations;

  TesterController(AssignmentService assignments, Invitations invitations) {
    this.assignments = assignments;
    this.invitations = invitations;
  }

  /**
   * The playgrounds the tester may open; with none, whether they were invited to one (then the
   * email they were sent is the way in), so the page never points at a link nobody sent.
   */
  @GetMapping("/")
  String home(Model model) {
    List<PlaygroundState> cards = assignments.home();
    model.addAttribute("cards", cards);
    if (cards.isEmpty()) {
      model.addAttribute("invited", invitations.currentUserIsInvited());
    }
    return "evaluation/home";
  }

  @GetMapping("/playgrounds/{id}")
  String playground(@PathVariable UUID id, Model model) {
    model.addAttribute("front", assignments.front(id));
    return "evaluation/playground";
  }

  /** Gives the tester their next agent (or resumes the open one) and goes there. */
  @PostMapping("/playgrounds/{id}/start")
  String start(@PathVariable UUID id, RedirectAttributes redirect) {
    Assignment assignment = assignments.start(id);
    if (assignment instanceof Assignment.Given given) {
      return "redirect:/sessions/" + given.session().id();
    }
    if (assignment instanceof Assignment.Closed closed) {
      redirect.addFlashAttribute("closed", closed.reason().name());
    }
    return "redirect:/playgrounds/" + id;
  }
}
