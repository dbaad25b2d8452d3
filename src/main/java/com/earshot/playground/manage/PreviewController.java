package com.earshot.playground.manage;

import static com.earshot.playground.manage.ManagePlaygroundsController.modelKey;

import com.earshot.platform.security.ContentSecurityPolicy;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.PathIds;
import com.earshot.playground.Model;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.WidgetSettings;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Preview as tester: the page a tester sees for one model, without a session, a counter or a saved
 * answer.
 */
@Controller
class PreviewController {

  private final PlaygroundService playgrounds;
  private final WidgetSettings widget;

  PreviewController(PlaygroundService playgrounds, WidgetSettings widget) {
    this.playgrounds = playgrounds;
    this.widget = widget;
  }

  @GetMapping("/manage/playgrounds/{id}/preview")
  String preview(
      @PathVariable String id,
      @RequestParam(defaultValue = "model_a") String model,
      org.springframework.ui.Model page,
      HttpServletResponse response) {
    Playground playground = playgrounds.get(PathIds.uuid(id, "Playground"));
    ModelKey key = modelKey(model);
    Model agent = playground.model(key).orElseThrow(() -> new NotFoundException("Model"));
    response.setHeader(
        ContentSecurityPolicy.HEADER, ContentSecurityPolicy.withWidget(widget.scriptUrl()));
    page.addAttribute("playground", playground);
    page.addAttribute("agent", agent);
    page.addAttribute("questions", playground.questionsFor(key));
    page.addAttribute("position", 1);
    page.addAttribute("of", playground.models().size());
    page.addAttribute(
        "widgetElement", agent.parsed() != null ? agent.parsed().widgetElement() : null);
    page.addAttribute("widgetScript", widget.scriptUrl());
    return "playground/preview";
  }
}
