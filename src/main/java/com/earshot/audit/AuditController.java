package com.earshot.audit;

import com.earshot.platform.web.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log for admins: their own actions and those on their playgrounds. */
@Controller
class AuditController {

  private final AuditQueries audit;

  AuditController(AuditQueries audit) {
    this.audit = audit;
  }

  @GetMapping("/manage/audit")
  String list(
      @RequestParam(defaultValue = "") String action,
      @RequestParam(defaultValue = "") String resource,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "1") String page,
      Model model,
      HttpServletResponse response) {
    AuditFilter filter;
    try {
      filter =
          new AuditFilter(
              action.strip(), resource.strip(), date(from), date(to), Paging.number(page, 1));
    } catch (DateTimeParseException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("error", "Dates are written like 2026-11-25.");
      filter = new AuditFilter(action.strip(), resource.strip(), null, null, 1);
    }
    model.addAttribute("filter", filter);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("result", audit.find(filter));
    model.addAttribute("actions", audit.actions());
    model.addAttribute("resources", audit.resourceTypes());
    return "audit/list";
  }

  /** A date of the years 1 to 9999: PostgreSQL cannot compute with every date Java can read. */
  private static LocalDate date(String text) {
    if (text.isBlank()) {
      return null;
    }
    LocalDate date = LocalDate.parse(text.strip());
    if (date.getYear() < 1 || date.getYear() > 9999) {
      throw new DateTimeParseException("Out of range", text, 0);
    }
    return date;
  }
}
