package com.earshot.insights.plan;

import com.earshot.platform.web.InvalidInputException;
import com.earshot.playground.Playground;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
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
 * Manage › an A/B test › Plan: the measure that decides the study and the testers per agent it
 * plans for, with the planner's advice on how many are needed.
 */
@Controller
class StudyPlanController {

  private final StudyPlans plans;

  StudyPlanController(StudyPlans plans) {
    this.plans = plans;
  }

  @GetMapping("/manage/playgrounds/{id}/plan")
  String form(@PathVariable UUID id, Model model) {
    Playground playground = plans.abTest(id);
    StudyPlan plan = plans.of(id);
    Map<String, String> values = new HashMap<>();
    values.put(
        "primary",
        plan.primaryIsPreference()
            ? StudyPlans.PREFERENCE
            : plan.primaryQuestion() == null ? "" : plan.primaryQuestion().toString());
    values.put(
        "plannedTesters",
        plan.plannedTestersPerAgent() == null ? "" : plan.plannedTestersPerAgent().toString());
    return page(playground, plan, values, Map.of(), model);
  }

  @PostMapping("/manage/playgrounds/{id}/plan")
  String save(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String primary,
      @RequestParam(defaultValue = "") String plannedTesters,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Playground playground = plans.abTest(id);
    try {
      plans.save(id, new StudyPlans.Form(primary, plannedTesters));
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return page(
          playground,
          plans.of(id),
          Map.of("primary", primary, "plannedTesters", plannedTesters),
          e.fieldErrors(),
          model);
    }
    redirect.addFlashAttribute("notice", "Plan saved: Insights read the results by it.");
    return "redirect:/manage/playgrounds/" + id + "/plan";
  }

  private String page(
      Playground playground,
      StudyPlan plan,
      Map<String, String> values,
      Map<String, String> errors,
      Model model) {
    StudyPlans.Spread spread = plans.spread(playground.id(), plan);
    model.addAttribute("spread", spread);
    model.addAttribute("ratingAdvice", StudyPlans.ratingAdvice(spread));
    model.addAttribute("choiceAdvice", StudyPlans.choiceAdvice());
    model.addAttribute("playground", playground);
    model.addAttribute("candidates", StudyPlans.candidates(playground));
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    return "insights/plan";
  }
}
