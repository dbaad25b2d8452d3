package com.earshot.conversation;

import com.earshot.platform.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A playground's own ElevenLabs API key, for its owning admin: set, replace or remove it, and see
 * that one is set and since when; never the key itself (the field is write-only, and a refused key
 * is not typed back into the page either).
 */
@Controller
class ApiKeyController {

  static final String PAGE = "conversation/api-key";

  private final ApiKeys keys;

  ApiKeyController(ApiKeys keys) {
    this.keys = keys;
  }

  @GetMapping("/manage/playgrounds/{id}/elevenlabs")
  String show(@PathVariable UUID id, Model model) {
    return page(id, model, null);
  }

  @PostMapping("/manage/playgrounds/{id}/elevenlabs")
  String change(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "set") String action,
      @RequestParam(defaultValue = "") String apiKey,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    keys.stateOfOwn(id).orElseThrow(() -> new NotFoundException("Playground"));
    if ("remove".equals(action)) {
      boolean removed = keys.remove(id);
      redirect.addFlashAttribute(
          "notice", removed ? "The playground's API key is removed." : "No key was set.");
      return "redirect:/manage/playgrounds/" + id + "/elevenlabs";
    }
    String error = null;
    String key = apiKey.strip();
    if (!keys.canStore()) {
      error = "A per-playground key needs EARSHOT_ELEVENLABS_KEYENCRYPTIONKEY on the server.";
    } else if (!ApiKeys.FORMAT.matcher(key).matches()) {
      error =
          "This is not an ElevenLabs API key: paste the key (sk_…) from ElevenLabs' API keys page,"
              + " letters, digits, '_' and '-' only.";
    }
    if (error != null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return page(id, model, error);
    }
    keys.set(id, key);
    redirect.addFlashAttribute("notice", "The playground's API key is saved.");
    return "redirect:/manage/playgrounds/" + id + "/elevenlabs";
  }

  private String page(UUID id, Model model, String error) {
    ApiKeys.KeyState state =
        keys.stateOfOwn(id).orElseThrow(() -> new NotFoundException("Playground"));
    model.addAttribute("playgroundId", id);
    model.addAttribute("playgroundName", state.playgroundName());
    model.addAttribute("keySetAt", state.setAt());
    model.addAttribute("canStore", keys.canStore());
    model.addAttribute("workspaceKey", keys.workspaceKeySet());
    model.addAttribute("keyError", error);
    return PAGE;
  }
}
