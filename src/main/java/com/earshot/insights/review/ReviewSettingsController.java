package com.earshot.insights.review;

import com.earshot.insights.review.ReviewSettings.Mapping;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.playground.Playground;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
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
 * Manage › a playground › Review: what makes a session not count (the shortest call, the quickest
 * answers, the names that reveal the agent) and which choice questions stand for an ElevenLabs
 * evaluation criterion. The form's fields are named after the questions and their options'
 * positions ({@code criterion-<question>}, {@code option-<question>-<n>}): option values may hold
 * any character.
 */
@Controller
class ReviewSettingsController {

  private final ReviewSettingsService settings;

  ReviewSettingsController(ReviewSettingsService settings) {
    this.settings = settings;
  }

  @GetMapping("/manage/playgrounds/{id}/review")
  String form(@PathVariable UUID id, Model model) {
    Playground playground = settings.playground(id);
    ReviewSettings current = settings.settings(id);
    Map<String, String> values = new HashMap<>();
    values.put("minCallSeconds", String.valueOf(current.minCallSeconds()));
    values.put("minAnswerSeconds", String.valueOf(current.minAnswerSeconds()));
    values.put("revealingNames", String.join("\n", current.revealingNames()));
    for (Question question : choiceQuestions(playground)) {
      Mapping mapping = current.mappings().get(question.id());
      if (mapping == null) {
        continue;
      }
      values.put("criterion-" + question.id(), mapping.criterionId());
      for (int i = 0; i < question.options().size(); i++) {
        values.put(
            "option-" + question.id() + "-" + i,
            mapping.optionResults().getOrDefault(question.options().get(i).value(), ""));
      }
    }
    return page(playground, current, values, Map.of(), model);
  }

  @PostMapping("/manage/playgrounds/{id}/review")
  String save(
      @PathVariable UUID id,
      @RequestParam Map<String, String> params,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Playground playground = settings.playground(id);
    Map<UUID, String> criteria = new HashMap<>();
    Map<UUID, Map<String, String>> options = new HashMap<>();
    for (Question question : choiceQuestions(playground)) {
      criteria.put(question.id(), params.getOrDefault("criterion-" + question.id(), ""));
      Map<String, String> results = new HashMap<>();
      for (int i = 0; i < question.options().size(); i++) {
        results.put(
            question.options().get(i).value(),
            params.getOrDefault("option-" + question.id() + "-" + i, ""));
      }
      options.put(question.id(), results);
    }
    try {
      settings.save(
          id,
          new ReviewSettingsService.Form(
              params.getOrDefault("minCallSeconds", ""),
              params.getOrDefault("minAnswerSeconds", ""),
              params.getOrDefault("revealingNames", ""),
              criteria,
              options));
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return page(playground, settings.settings(id), params, e.fieldErrors(), model);
    }
    redirect.addFlashAttribute("notice", "Review settings saved; the flags are computed again.");
    return "redirect:/manage/playgrounds/" + id + "/review";
  }

  private static String page(
      Playground playground,
      ReviewSettings current,
      Map<String, String> values,
      Map<String, String> errors,
      Model model) {
    model.addAttribute("playground", playground);
    model.addAttribute("settings", current);
    model.addAttribute("choiceQuestions", choiceQuestions(playground));
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    return "insights/review";
  }

  private static List<Question> choiceQuestions(Playground playground) {
    return playground.questions().stream().filter(q -> q.type() == QuestionType.SELECT).toList();
  }
}
