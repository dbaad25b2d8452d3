package com.earshot.playground;

import com.earshot.platform.Htmx;
import com.earshot.platform.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The question builder. Each action answers an htmx request with the builder fragment, and a plain
 * form post with the whole page (after a redirect when it worked).
 */
@Controller
class QuestionsController {

  private final QuestionService questions;
  private final PlaygroundService playgrounds;
  private final EditorPage editorPage;

  QuestionsController(
      QuestionService questions, PlaygroundService playgrounds, EditorPage editorPage) {
    this.questions = questions;
    this.playgrounds = playgrounds;
    this.editorPage = editorPage;
  }

  @PostMapping("/manage/playgrounds/{id}/questions")
  String add(
      @PathVariable UUID id,
      @Valid @ModelAttribute("questionDraft") QuestionDraft draft,
      BindingResult binding,
      Htmx htmx,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(
        id,
        "new",
        draft,
        binding,
        new Reply(htmx, model, response, redirect),
        "Question added.",
        playground -> questions.add(playground, draft));
  }

  @PostMapping("/manage/playgrounds/{id}/questions/{question}")
  String update(
      @PathVariable UUID id,
      @PathVariable UUID question,
      @Valid @ModelAttribute("questionDraft") QuestionDraft draft,
      BindingResult binding,
      Htmx htmx,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(
        id,
        question.toString(),
        draft,
        binding,
        new Reply(htmx, model, response, redirect),
        "Question saved.",
        playground -> questions.update(playground, question, draft));
  }

  @PostMapping("/manage/playgrounds/{id}/questions/{question}/delete")
  String delete(
      @PathVariable UUID id,
      @PathVariable UUID question,
      Htmx htmx,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return act(
        id,
        new Reply(htmx, model, response, redirect),
        "Question deleted.",
        playground -> questions.delete(playground, question));
  }

  @PostMapping("/manage/playgrounds/{id}/questions/{question}/move")
  String move(
      @PathVariable UUID id,
      @PathVariable UUID question,
      @RequestParam(defaultValue = "0") int direction,
      Htmx htmx,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return act(
        id,
        new Reply(htmx, model, response, redirect),
        null,
        playground -> questions.move(playground, question, direction));
  }

  /** Drag and drop: the whole order at once. */
  @PostMapping("/manage/playgrounds/{id}/questions/order")
  String reorder(
      @PathVariable UUID id,
      @RequestParam(name = "order", defaultValue = "") List<UUID> order,
      Htmx htmx,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return act(
        id,
        new Reply(htmx, model, response, redirect),
        "New order saved.",
        playground -> questions.reorder(playground, order));
  }

  /** Where an action's answer goes: the builder for htmx, the page (or a redirect) otherwise. */
  private record Reply(
      Htmx htmx, Model model, HttpServletResponse response, RedirectAttributes redirect) {}

  /**
   * Saves a question's form when it is valid, and says so; otherwise, or when it does not fit the
   * playground, the builder again with that form as typed (its rows that hold something, then spare
   * ones) and what to fix at its fields: 400.
   *
   * @param edited the form that was sent: "new" or the question's id
   */
  private String save(
      UUID playgroundId,
      String edited,
      QuestionDraft draft,
      BindingResult binding,
      Reply reply,
      String notice,
      Consumer<UUID> action) {
    if (!binding.hasErrors()) {
      try {
        action.accept(playgroundId);
        return done(playgroundId, reply, notice);
      } catch (InvalidInputException e) {
        e.rejectIn(binding);
      }
    }
    QuestionDrafts.withSpareRows(draft);
    reply.response().setStatus(HttpServletResponse.SC_BAD_REQUEST);
    reply.model().addAttribute("editedQuestion", edited);
    return view(playgroundId, reply);
  }

  /** An action without a form: refused, the builder says why above its questions. */
  private String act(UUID playgroundId, Reply reply, String notice, Consumer<UUID> action) {
    try {
      action.accept(playgroundId);
    } catch (InvalidInputException e) {
      reply.response().setStatus(HttpServletResponse.SC_BAD_REQUEST);
      reply.model().addAttribute("questionError", e.getMessage());
      return view(playgroundId, reply);
    }
    return done(playgroundId, reply, notice);
  }

  /**
   * @param notice what the builder says of what was done; null: the change shows for itself
   */
  private String done(UUID playgroundId, Reply reply, String notice) {
    if (!reply.htmx().isRequest()) {
      if (notice != null) {
        reply.redirect().addFlashAttribute("questionNotice", notice);
      }
      return "redirect:/manage/playgrounds/" + playgroundId + "#questions";
    }
    reply.model().addAttribute("questionNotice", notice);
    return view(playgroundId, reply);
  }

  private String view(UUID playgroundId, Reply reply) {
    String page = editorPage.show(playgrounds.get(playgroundId), reply.model());
    // htmx swaps in only the builder, also after an error (htmx shows 4xx responses too)
    return reply.htmx().isRequest() ? "playground/questions :: questions" : page;
  }
}
