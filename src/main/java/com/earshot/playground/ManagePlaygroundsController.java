package com.earshot.playground;

import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.StaleEditException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
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
  private final VersionService versions;
  private final EditorPage editorPage;

  ManagePlaygroundsController(
      PlaygroundService playgrounds, VersionService versions, EditorPage editorPage) {
    this.playgrounds = playgrounds;
    this.versions = versions;
    this.editorPage = editorPage;
  }

  @GetMapping("/manage/playgrounds/new")
  String newPlayground(@RequestParam(defaultValue = "ab_testing") String type, Model model) {
    model.addAttribute(
        "playgroundDraft",
        PlaygroundDraft.blank(
            type.equals("tuning") ? PlaygroundType.TUNING : PlaygroundType.AB_TESTING));
    return "playground/new";
  }

  /** A new playground's models, beside each field's own constraints. */
  @InitBinder("playgroundDraft")
  void newPlaygroundRules(WebDataBinder binder) {
    binder.addValidators(new NewPlaygroundRules(binder.getValidator()));
  }

  @PostMapping("/manage/playgrounds")
  String create(
      @Valid @ModelAttribute("playgroundDraft") PlaygroundDraft draft,
      BindingResult binding,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      draft.keepTypedModels();
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return "playground/new";
    }
    UUID id = playgrounds.create(draft);
    redirect.addFlashAttribute(
        "notice",
        withEmbedCodeNotices(
            "Playground created. Now add the questions.",
            playgrounds.get(id).models().stream().toList()));
    return "redirect:/manage/playgrounds/" + id;
  }

  @GetMapping("/manage/playgrounds/{id}")
  String edit(@PathVariable UUID id, Model model) {
    return editorPage.show(playgrounds.get(id), model);
  }

  @PostMapping("/manage/playgrounds/{id}/details")
  String updateDetails(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @Valid @ModelAttribute("detailsDraft") DetailsDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(
        id,
        "#details",
        "Details",
        binding,
        model,
        response,
        redirect,
        playground -> {
          playgrounds.updateDetails(playground, version, draft);
          return "Details saved.";
        });
  }

  @PostMapping("/manage/playgrounds/{id}/settings")
  String updateSettings(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @Valid @ModelAttribute("settingsDraft") SettingsDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(
        id,
        "#settings",
        "How evaluations run",
        binding,
        model,
        response,
        redirect,
        playground -> {
          playgrounds.updateSettings(playground, version, draft);
          return "Settings saved.";
        });
  }

  @PostMapping("/manage/playgrounds/{id}/access")
  String updateAccess(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @Valid @ModelAttribute("accessDraft") AccessDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return save(
        id,
        "#access",
        "Who may take part",
        binding,
        model,
        response,
        redirect,
        playground -> {
          playgrounds.updateAccess(playground, version, draft);
          return "Access saved.";
        });
  }

  @PostMapping("/manage/playgrounds/{id}/models/{key}")
  String updateModel(
      @PathVariable UUID id,
      @PathVariable String key,
      @RequestParam(defaultValue = "") String version,
      @Valid @ModelAttribute("modelDraft") PlaygroundDraft.ModelDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    ModelKey modelKey = modelKey(key);
    // should the form come back, the editor shows it as typed in this model's place
    model.addAttribute("editedModel", modelKey);
    return save(
        id,
        "#model-" + key,
        "Model " + modelKey.letter(),
        binding,
        model,
        response,
        redirect,
        playground -> {
          playgrounds.updateModel(playground, modelKey, version, draft);
          return withEmbedCodeNotices(
              "Model " + modelKey.letter() + " saved.",
              playgrounds.get(playground).model(modelKey).stream().toList());
        });
  }

  /** A tuning model's limit; its name and embed code change only by New version. */
  @PostMapping("/manage/playgrounds/{id}/limit")
  String updateLimit(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @Valid @ModelAttribute("modelDraft") LimitDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    // An A/B test has no such form: 404 before its editor could show a limit it does not have.
    VersionService.tuningModel(playgrounds.get(id));
    model.addAttribute("editedModel", ModelKey.MODEL_A);
    return save(
        id,
        "#model-model_a",
        "Limit",
        binding,
        model,
        response,
        redirect,
        playground -> {
          versions.updateLimit(playground, version, draft);
          return "Limit saved.";
        });
  }

  @PostMapping("/manage/playgrounds/{id}/duplicate")
  String duplicate(@PathVariable UUID id, RedirectAttributes redirect) {
    UUID copy = playgrounds.duplicate(id);
    redirect.addFlashAttribute(
        "notice",
        "This is a copy, a draft that testers cannot see until it goes live. Nothing was"
            + " answered here yet.");
    return "redirect:/manage/playgrounds/" + copy;
  }

  /** The support text as testers will see it, for the editor's live preview. */
  @PostMapping("/manage/playgrounds/support-text-preview")
  @ResponseBody
  String previewSupportText(@RequestParam(defaultValue = "") String supportText) {
    if (supportText.length() > SupportText.MAX_LENGTH) {
      return "<p class=\"text-danger\">Too long to preview.</p>";
    }
    String clean = SupportText.sanitize(supportText);
    // shown in the editor's Details section, under its h2
    return clean == null
        ? "<p class=\"text-body-secondary\">No support text.</p>"
        : SupportText.nestedUnder(clean, 2);
  }

  /**
   * Saves a form of the editor when it is valid, and goes back to it with the notice the save
   * returns; otherwise, or when the save is refused, the editor again with the form as typed: 400
   * with what to fix at its fields, 409 for a stale edit.
   *
   * @param anchor the form's place on the page
   * @param form the form's name, as its heading says it
   */
  private String save(
      UUID playgroundId,
      String anchor,
      String form,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect,
      Function<UUID, String> save) {
    if (!binding.hasErrors()) {
      try {
        redirect.addFlashAttribute("notice", save.apply(playgroundId));
        return "redirect:/manage/playgrounds/" + playgroundId + anchor;
      } catch (InvalidInputException e) {
        e.rejectIn(binding);
      } catch (StaleEditException e) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("stale", e.getMessage());
        return editorPage.show(playgrounds.get(playgroundId), model);
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    // said at the top of the page, where it reloads; the first field to fix takes the focus
    int problems = binding.getErrorCount();
    model.addAttribute(
        "notSaved",
        problems == 1
            ? form + " not saved: 1 thing to fix, marked at its field."
            : form + " not saved: " + problems + " things to fix, marked at their fields.");
    model.addAttribute("notSavedAnchor", anchor);
    return editorPage.show(playgrounds.get(playgroundId), model);
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
