package com.earshot.evaluation;

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

  TesterController(AssignmentService assignments) {
    this.assignments = assignments;
  }

  @GetMapping("/")
  String home(Model model) {
    model.addAttribute("cards", assignments.home());
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
