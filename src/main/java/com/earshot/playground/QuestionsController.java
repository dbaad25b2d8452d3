package com.earshot.playground;

import com.earshot.platform.Htmx;
import com.earshot.platform.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The question builder. Each action answers an htmx request with the builder fragment, and a plain
 * form post with the whole page (after a redirect when it worked).
 */
@Controller
class QuestionsController {

  private final QuestionService questions;
  private final PlaygroundService playgrounds;

  QuestionsController(QuestionService questions, PlaygroundService playgrounds) {
    this.questions = questions;
    this.playgrounds = playgrounds;
  }

  @PostMapping("/manage/playgrounds/{id}/questions")
  String add(
      @PathVariable UUID id,
      @ModelAttribute QuestionDraft draft,
      BindingResult binding,
      Htmx htmx,
      Model model,
      HttpServletResponse response) {
    return act(
        id,
        "new",
        draft,
        htmx,
        model,
        response,
        playground -> {
          InvalidInputException.throwIfUnbound(binding);
          questions.add(playground, draft);
        });
  }

  @PostMapping("/manage/playgrounds/{id}/questions/{question}")
  String update(
      @PathVariable UUID id,
      @PathVariable UUID question,
      @ModelAttribute QuestionDraft draft,
      BindingResult binding,
      Htmx htmx,
      Model model,
      HttpServletResponse response) {
    return act(
        id,
        question.toString(),
        draft,
        htmx,
        model,
        response,
        playground -> {
          InvalidInputException.throwIfUnbound(binding);
          questions.update(playground, question, draft);
        });
  }

  @PostMapping("/manage/playgrounds/{id}/questions/{question}/delete")
  String delete(
      @PathVariable UUID id,
      @PathVariable UUID question,
      Htmx htmx,
      Model model,
      HttpServletResponse response) {
    return act(
        id,
        null,
        null,
        htmx,
        model,
        response,
        playground -> questions.delete(playground, question));
  }

  @PostMapping("/manage/playgrounds/{id}/questions/{question}/move")
  String move(
      @PathVariable UUID id,
      @PathVariable UUID question,
      @RequestParam(defaultValue = "0") int direction,
      Htmx htmx,
      Model model,
      HttpServletResponse response) {
    return act(
        id,
        null,
        null,
        htmx,
        model,
        response,
        playground -> questions.move(playground, question, direction));
  }

  /** Drag and drop: the whole order at once. */
  @PostMapping("/manage/playgrounds/{id}/questions/order")
  String reorder(
      @PathVariable UUID id,
      @RequestParam(name = "order", defaultValue = "") List<UUID> order,
      Htmx htmx,
      Model model,
      HttpServletResponse response) {
    return act(
        id, null, null, htmx, model, response, playground -> questions.reorder(playground, order));
  }

  private String act(
      UUID id,
      String edited,
      QuestionDraft draft,
      Htmx htmx,
      Model model,
      HttpServletResponse response,
      Consumer<UUID> action) {
    try {
      action.accept(id);
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("questionErrors", e.fieldErrors());
      if (draft != null) {
        model.addAttribute("editedQuestion", edited);
        model.addAttribute("questionDraft", QuestionDrafts.withSpareRows(draft));
      }
      return view(id, htmx, model);
    }
    if (!htmx.isRequest()) {
      return "redirect:/manage/playgrounds/" + id + "#questions";
    }
    return view(id, htmx, model);
  }

  private String view(UUID playgroundId, Htmx htmx, Model model) {
    model.addAttribute("playground", playgrounds.get(playgroundId));
    if (htmx.isRequest()) {
      // htmx swaps in only the builder, also after an error (htmx shows 4xx responses too)
      return "playground/questions :: questions";
    }
    return "playground/edit";
  }
}
