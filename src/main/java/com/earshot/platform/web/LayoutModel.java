package com.earshot.platform.web;

import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the page shell needs on every page, error pages included: who is signed in. */
@ControllerAdvice
class LayoutModel {

  /** An empty error map, for forms shown without errors (templates may not build maps). */
  @ModelAttribute("noErrors")
  java.util.Map<String, String> noErrors() {
    return java.util.Map.of();
  }

  @ModelAttribute("viewer")
  CurrentUser viewer() {
    return DatabaseContext.currentUser().filter(user -> user.id() != null).orElse(null);
  }
}
