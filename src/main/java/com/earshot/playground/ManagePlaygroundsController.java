package com.earshot.playground;

import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.StaleEditException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Manage › Playgrounds: creation and the editor's playground-level forms. The list itself, made of
 * insights' numbers, is insights' ({@code DashboardController}).
 */
@Controller
class ManagePlaygroundsController {

  private final PlaygroundService playgrounds;

  ManagePlaygroundsController(PlaygroundService playgrounds) {
    this.playgrounds = playgrounds;
  }

  @GetMapping("/manage/playgrounds/new")
  String newPlayground(@RequestParam(defaultValue = "ab_testing") String type, Model model) {
    PlaygroundDraft draft = new PlaygroundDraft();
    draft.setType(type.equals("tuning") ? PlaygroundType.TUNING : PlaygroundType.AB_TESTING);
    if (draft.getType() == PlaygroundType.TUNING) {
      draft.getModels().remove(1);
    }
    model.addAttribute("draft", draft);
    return "playground/new";
  }

  @PostMapping("/manage/playgrounds")
  String create(
      @ModelAttribute("draft") PlaygroundDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    PlaygroundType type = draft.getType() == null ? PlaygroundType.AB_TESTING : draft.getType();
    draft.dropBlankModelsBeyond(type.modelKeys().size());
    try {
      InvalidInputException.throwIfUnbound(binding);
      UUID id = playgrounds.create(draft);
      redirect.addFlashAttribute(
          "notice",
          withEmbedCodeNotices(
              "Playground created. Now add the questions.",
              playgrounds.get(id).models().stream().toList()));
      return "redirect:/manage/playgrounds/" + id;
    } catch (InvalidInputException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", e.fieldErrors());
      return "playground/new";
    }
  }

  @GetMapping("/manage/playgrounds/{id}")
  String edit(@PathVariable UUID id, Model model) {
    Playground playground = playgrounds.get(id);
    model.addAttribute("playground", playground);
    return "playground/edit";
  }

  @PostMapping("/manage/playgrounds/{id}/details")
  String updateDetails(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String description,
      @RequestParam(defaultValue = "") String supportText,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      playgrounds.updateDetails(id, version, name, description, supportText);
    } catch (InvalidInputException | StaleEditException e) {
      return editWithErrors(
          id, "details", e, model, response, detailsForm(name, description, supportText));
    }
    redirect.addFlashAttribute("notice", "Details saved.");
    return "redirect:/manage/playgrounds/" + id + "#details";
  }

  @PostMapping("/manage/playgrounds/{id}/settings")
  String updateSettings(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @RequestParam(defaultValue = "") String reservationMinutes,
      @RequestParam(defaultValue = "") String maxRounds,
      @RequestParam(defaultValue = "false") boolean requireCall,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      playgrounds.updateSettings(id, version, reservationMinutes, maxRounds, requireCall);
    } catch (InvalidInputException | StaleEditException e) {
      return editWithErrors(
          id,
          "settings",
          e,
          model,
          response,
          java.util.Map.of("reservationMinutes", reservationMinutes, "maxRounds", maxRounds));
    }
    redirect.addFlashAttribute("notice", "Settings saved.");
    return "redirect:/manage/playgrounds/" + id + "#settings";
  }

  @PostMapping("/manage/playgrounds/{id}/access")
  String updateAccess(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @RequestParam(defaultValue = "") String access,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      playgrounds.updateAccess(id, version, access);
    } catch (InvalidInputException | StaleEditException e) {
      return editWithErrors(id, "access", e, model, response, java.util.Map.of("access", access));
    }
    redirect.addFlashAttribute("notice", "Access saved.");
    return "redirect:/manage/playgrounds/" + id + "#access";
  }

  @PostMapping("/manage/playgrounds/{id}/models/{key}")
  String updateModel(
      @PathVariable UUID id,
      @PathVariable String key,
      @RequestParam(defaultValue = "") String version,
      @ModelAttribute PlaygroundDraft.ModelDraft modelDraft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    ModelKey modelKey = modelKey(key);
    try {
      InvalidInputException.throwIfUnbound(binding);
      playgrounds.updateModel(id, modelKey, version, modelDraft);
    } catch (InvalidInputException | StaleEditException e) {
      model.addAttribute("modelDraft", modelDraft);
      model.addAttribute("modelDraftKey", modelKey);
      return editWithErrors(id, "model-" + key, e, model, response, java.util.Map.of());
    }
    redirect.addFlashAttribute(
        "notice",
        withEmbedCodeNotices(
            "Model " + modelKey.letter() + " saved.",
            playgrounds.get(id).model(modelKey).stream().toList()));
    return "redirect:/manage/playgrounds/" + id + "#model-" + key;
  }

  @PostMapping("/manage/playgrounds/{id}/active")
  String setActive(
      @PathVariable UUID id, @RequestParam boolean active, RedirectAttributes redirect) {
    playgrounds.setActive(id, active);
    redirect.addFlashAttribute(
        "notice",
        active
            ? "The playground is active: testers can see it."
            : "The playground is inactive: testers no longer see it.");
    return "redirect:/manage/playgrounds/" + id;
  }

  @PostMapping("/manage/playgrounds/{id}/duplicate")
  String duplicate(@PathVariable UUID id, RedirectAttributes redirect) {
    UUID copy = playgrounds.duplicate(id);
    redirect.addFlashAttribute(
        "notice", "This is a copy, inactive until you activate it. Nothing was answered here yet.");
    return "redirect:/manage/playgrounds/" + copy;
  }

  @PostMapping("/manage/playgrounds/{id}/delete")
  String delete(@PathVariable UUID id, RedirectAttributes redirect) {
    try {
      playgrounds.delete(id);
    } catch (PlaygroundInUseException e) {
      redirect.addFlashAttribute("error", e.getMessage());
      return "redirect:/manage/playgrounds/" + id + "#danger";
    }
    redirect.addFlashAttribute("notice", "Playground deleted.");
    return "redirect:/manage/playgrounds";
  }

  /** The support text as testers will see it, for the editor's live preview. */
  @PostMapping("/manage/playgrounds/support-text-preview")
  @ResponseBody
  String previewSupportText(@RequestParam(defaultValue = "") String supportText) {
    if (supportText.length() > SupportText.MAX_LENGTH) {
      return "<p class=\"text-danger\">Too long to preview.</p>";
    }
    String clean = SupportText.sanitize(supportText);
    return clean == null ? "<p class=\"text-body-secondary\">No support text.</p>" : clean;
  }

  private String editWithErrors(
      UUID id,
      String section,
      RuntimeException e,
      Model model,
      HttpServletResponse response,
      java.util.Map<String, String> typed) {
    model.addAttribute("playground", playgrounds.get(id));
    model.addAttribute("section", section);
    model.addAttribute("typed", typed);
    if (e instanceof InvalidInputException invalid) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("errors", invalid.fieldErrors());
    } else {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      model.addAttribute("stale", e.getMessage());
      model.addAttribute("errors", java.util.Map.of());
    }
    return "playground/edit";
  }

  private static java.util.Map<String, String> detailsForm(
      String name, String description, String supportText) {
    return java.util.Map.of("name", name, "description", description, "supportText", supportText);
  }

  /** {@code notice}, then what the admin should know of these models' embed codes. */
  private static String withEmbedCodeNotices(
      String notice, java.util.List<ModelConfiguration> models) {
    StringBuilder text = new StringBuilder(notice);
    models.stream()
        .map(model -> model.parsed() == null ? null : model.parsed().notice())
        .filter(java.util.Objects::nonNull)
        .distinct()
        .forEach(more -> text.append(' ').append(more));
    return text.toString();
  }

  static ModelKey modelKey(String key) {
    try {
      return ModelKey.fromDatabase(key);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("Model");
    }
  }
}
