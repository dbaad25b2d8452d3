package com.earshot.playground;

import com.earshot.platform.web.InvalidInputException;
import com.earshot.platform.web.StaleEditException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A playground's version history, a tuning model's New version, and its limit alone. */
@Controller
class VersionsController {

  private final VersionService versions;
  private final PlaygroundService playgrounds;

  VersionsController(VersionService versions, PlaygroundService playgrounds) {
    this.versions = versions;
    this.playgrounds = playgrounds;
  }

  @GetMapping("/manage/playgrounds/{id}/versions")
  String history(@PathVariable UUID id, Model model) {
    model.addAttribute("versions", versions.history(id));
    model.addAttribute("playground", playgrounds.get(id));
    return "playground/versions";
  }

  @GetMapping("/manage/playgrounds/{id}/versions/new")
  String newVersion(@PathVariable UUID id, Model model) {
    Playground playground = playgrounds.get(id);
    ModelConfiguration current = VersionService.tuningModel(playground);
    model.addAttribute("newVersionDraft", NewVersionDraft.of(current));
    return form(playground, current.updatedAt().toString(), model);
  }

  @PostMapping("/manage/playgrounds/{id}/versions")
  String create(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String version,
      @Valid @ModelAttribute("newVersionDraft") NewVersionDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (!binding.hasErrors()) {
      try {
        int started = versions.newVersion(id, version, draft);
        redirect.addFlashAttribute(
            "notice", "Version " + started + " started: testers meet it from now on.");
        return "redirect:/manage/playgrounds/" + id + "/versions";
      } catch (InvalidInputException e) {
        e.rejectIn(binding);
      } catch (StaleEditException e) {
        // the form as typed, at the model as it is now: sent again, it starts the next version
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("stale", e.getMessage());
        Playground playground = playgrounds.get(id);
        return form(
            playground, VersionService.tuningModel(playground).updatedAt().toString(), model);
      }
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return form(playgrounds.get(id), version, model);
  }

  private static String form(Playground playground, String version, Model model) {
    model.addAttribute("playground", playground);
    model.addAttribute("agent", VersionService.tuningModel(playground));
    model.addAttribute("formVersion", version);
    model.addAttribute("changeChoices", ModelVersion.Change.values());
    return "playground/new-version";
  }
}
