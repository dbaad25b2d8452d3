package com.earshot.playground;

import static com.earshot.playground.ManagePlaygroundsController.modelKey;

import com.earshot.platform.security.ContentSecurityPolicy;
import com.earshot.platform.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Preview as tester: the page a tester sees for one model, without a session, a counter or a saved
 * answer.
 */
@Controller
class PreviewController {

  /**
   * The preview widget's {@code user-id}: ElevenLabs records it as the {@code user_id} of an
   * admin's preview calls, so they are not mistaken for a tester's.
   */
  static final String PREVIEW_USER_ID = "earshot-preview";

  private final PlaygroundService playgrounds;
  private final WidgetSettings widget;

  PreviewController(PlaygroundService playgrounds, WidgetSettings widget) {
    this.playgrounds = playgrounds;
    this.widget = widget;
  }

  @GetMapping("/manage/playgrounds/{id}/preview")
  String preview(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "model_a") String model,
      Model view,
      HttpServletResponse response) {
    Playground playground = playgrounds.get(id);
    ModelKey key = modelKey(model);
    ModelConfiguration agent =
        playground.model(key).orElseThrow(() -> new NotFoundException("Model"));
    WidgetPage page = widget.page(agent, PREVIEW_USER_ID);
    response.setHeader(ContentSecurityPolicy.HEADER, page.policy());
    view.addAttribute("playground", playground);
    view.addAttribute("agent", agent);
    view.addAttribute("questions", playground.questionsFor(key));
    view.addAttribute("position", 1);
    view.addAttribute("of", playground.models().size());
    view.addAttribute("widget", page);
    return "playground/preview";
  }
}
