package com.earshot.playground;

import static com.earshot.playground.ManagePlaygroundsController.modelKey;

import com.earshot.audit.AuditLog;
import com.earshot.platform.web.Confirmation;
import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A playground's life in the editor: go live (or resume), pause, close (after a confirmation), the
 * closing date, the preview's report that a widget loaded, and deletion (after a confirmation; a
 * second confirmation says the playground is already deleted).
 */
@Controller
class LifecycleController {

  private final PlaygroundService playgrounds;
  private final PlaygroundLifecycle lifecycle;
  private final AuditLog audit;
  private final EditorPage editorPage;

  LifecycleController(
      PlaygroundService playgrounds,
      PlaygroundLifecycle lifecycle,
      AuditLog audit,
      EditorPage editorPage) {
    this.playgrounds = playgrounds;
    this.lifecycle = lifecycle;
    this.audit = audit;
    this.editorPage = editorPage;
  }

  /** Goes live from a draft, or resumes a paused playground; refused with the missing items. */
  @PostMapping("/manage/playgrounds/{id}/go-live")
  String goLive(
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    PlaygroundStatus before = playgrounds.get(id).status();
    try {
      lifecycle.goLive(id);
    } catch (NotReadyException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      model.addAttribute("notLive", e.getMessage());
      model.addAttribute("notLiveItems", e.checklist().missing());
      return editorPage.show(playgrounds.get(id), model);
    } catch (TransitionRefusedException e) {
      return refused(id, e, redirect);
    }
    redirect.addFlashAttribute(
        "notice",
        before == PlaygroundStatus.PAUSED
            ? "Resumed: the playground is live again and testers can see it."
            : "Live: testers can see the playground now.");
    return editor(id);
  }

  @PostMapping("/manage/playgrounds/{id}/pause")
  String pause(@PathVariable UUID id, RedirectAttributes redirect) {
    try {
      lifecycle.pause(id);
    } catch (TransitionRefusedException e) {
      return refused(id, e, redirect);
    }
    redirect.addFlashAttribute(
        "notice", "Paused: testers no longer see the playground until you resume it.");
    return editor(id);
  }

  @GetMapping("/manage/playgrounds/{id}/close")
  String confirmClose(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
    Playground playground = playgrounds.get(id);
    if (playground.status() == PlaygroundStatus.CLOSED
        || playground.status() == PlaygroundStatus.DRAFT) {
      return refused(
          id, TransitionRefusedException.from(playground.status(), "be closed"), redirect);
    }
    model.addAttribute(
        "confirmation",
        new Confirmation(
            "Close “" + playground.name() + "”?",
            List.of(
                "Testers no longer see it, and a tester in the middle of an evaluation cannot"
                    + " submit it.",
                "Every answer so far is kept, and Insights and the exports stay as they are.",
                "A closed playground cannot be reopened: to run another round, duplicate it."),
            "/manage/playgrounds/" + id + "/close",
            "Close the playground",
            Map.of(),
            "/manage/playgrounds/" + id));
    return Confirmation.VIEW;
  }

  @PostMapping("/manage/playgrounds/{id}/close")
  String close(@PathVariable UUID id, RedirectAttributes redirect) {
    try {
      lifecycle.close(id);
    } catch (TransitionRefusedException e) {
      return refused(id, e, redirect);
    }
    redirect.addFlashAttribute(
        "notice", "Closed: testers no longer see the playground. Every answer is kept.");
    return editor(id);
  }

  @PostMapping("/manage/playgrounds/{id}/closing-date")
  String setClosingDate(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String closesAt,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      lifecycle.setClosingDate(id, closesAt);
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("closingDateTyped", closesAt);
      model.addAttribute("closingDateError", e.fieldErrors().get("closesAt"));
      model.addAttribute(
          "notSaved", "Closing date not saved: 1 thing to fix, marked at its field.");
      model.addAttribute("notSavedAnchor", "#closing-date");
      return editorPage.show(playgrounds.get(id), model);
    } catch (TransitionRefusedException e) {
      return refused(id, e, redirect);
    }
    redirect.addFlashAttribute(
        "notice", closesAt.isBlank() ? "Closing date removed." : "Closing date saved.");
    return "redirect:/manage/playgrounds/" + id + "#closing-date";
  }

  /** The preview saw the widget of the model's configuration {@code version} load. */
  @PostMapping("/manage/playgrounds/{id}/widget-loaded")
  ResponseEntity<Void> widgetLoaded(
      @PathVariable UUID id, @RequestParam String model, @RequestParam int version) {
    lifecycle.recordWidgetLoaded(id, modelKey(model), version);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/manage/playgrounds/{id}/delete")
  String confirmDelete(
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Playground playground;
    try {
      playground = playgrounds.get(id);
    } catch (NotFoundException e) {
      return deletedOrNotFound(id, model, response, e);
    }
    if (playground.hasAnswers()) {
      redirect.addFlashAttribute("error", new PlaygroundInUseException().getMessage());
      return "redirect:/manage/playgrounds/" + id + "#danger";
    }
    List<String> consequences = new ArrayList<>();
    consequences.add(
        "The playground, its "
            + count(playground.models().size(), "model")
            + " and "
            + count(playground.questions().size(), "question")
            + " are deleted for good.");
    if (playground.active()) {
      consequences.add("It is live: testers who open it will no longer find it.");
    }
    consequences.add("Nobody has answered yet, so no answer is lost. Its audit rows stay.");
    model.addAttribute(
        "confirmation",
        new Confirmation(
            "Delete “" + playground.name() + "”?",
            consequences,
            "/manage/playgrounds/" + id + "/delete",
            "Delete the playground",
            Map.of(),
            "/manage/playgrounds/" + id + "#danger"));
    return Confirmation.VIEW;
  }

  @PostMapping("/manage/playgrounds/{id}/delete")
  String delete(
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      playgrounds.delete(id);
    } catch (PlaygroundInUseException e) {
      redirect.addFlashAttribute("error", e.getMessage());
      return "redirect:/manage/playgrounds/" + id + "#danger";
    } catch (NotFoundException | PlaygroundGoneException e) {
      return deletedOrNotFound(id, model, response, new NotFoundException("Playground"));
    }
    redirect.addFlashAttribute("notice", "Playground deleted.");
    return "redirect:/manage/playgrounds";
  }

  /**
   * A playground this admin deleted answers 410 with a page that says so; any other one that is not
   * there (or not theirs) stays a 404.
   */
  private String deletedOrNotFound(
      UUID id, Model model, HttpServletResponse response, NotFoundException notFound) {
    LocalDateTime deletedAt =
        audit.lastDoneByMe("playground.delete", id).orElseThrow(() -> notFound);
    response.setStatus(HttpStatus.GONE.value());
    model.addAttribute("deletedAt", deletedAt);
    return "playground/deleted";
  }

  private static String refused(UUID id, RuntimeException e, RedirectAttributes redirect) {
    redirect.addFlashAttribute("error", e.getMessage());
    return editor(id);
  }

  private static String editor(UUID id) {
    return "redirect:/manage/playgrounds/" + id + "#lifecycle";
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
