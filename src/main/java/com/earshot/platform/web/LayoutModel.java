package com.earshot.platform.web;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the page shell needs on every page, error pages included: who is signed in, and which part
 * of the navigation the page belongs to.
 */
@ControllerAdvice
class LayoutModel {

  /** The navigation entry of this page ("playgrounds", "manage", …), or null for none. */
  @ModelAttribute("section")
  String section(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/manage/audit")) {
      return "audit";
    }
    if (path.startsWith("/manage/")) {
      return "manage";
    }
    if (path.startsWith("/admin/users")) {
      return "users";
    }
    if (path.startsWith("/account")) {
      return "account";
    }
    if (path.equals("/") || path.startsWith("/playgrounds/") || path.startsWith("/sessions/")) {
      return "playgrounds";
    }
    return null;
  }

  @ModelAttribute("viewer")
  CurrentUser viewer() {
    return DatabaseContext.currentUser().filter(user -> user.id() != null).orElse(null);
  }
}
