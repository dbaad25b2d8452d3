package com.earshot.insights.dashboard;

import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Manage › Playgrounds, each with how it is going, and a playground's Insights: whether B beat A,
 * how sure that is, and how it went. Both are insights' numbers, so the list lives here.
 */
@Controller
class DashboardController {

  private final DashboardService dashboards;

  DashboardController(DashboardService dashboards) {
    this.dashboards = dashboards;
  }

  @GetMapping("/manage/playgrounds")
  String list(Model model) {
    model.addAttribute("playgrounds", dashboards.summaries());
    return "insights/playgrounds";
  }

  @GetMapping("/manage/playgrounds/{id}/insights")
  String dashboard(
      @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean included, Model model) {
    model.addAttribute("dashboard", dashboards.dashboard(id, included));
    return "insights/dashboard";
  }
}
