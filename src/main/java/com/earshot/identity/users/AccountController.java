package com.earshot.identity.users;

import com.earshot.identity.EarshotUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: their name. */
@Controller
class AccountController {

  private final UserService users;

  AccountController(UserService users) {
    this.users = users;
  }

  @GetMapping("/account")
  String show(@AuthenticationPrincipal EarshotUser me, Model model) {
    UserAccount account = users.get(me.id());
    model.addAttribute("account", account);
    model.addAttribute("fullName", account.fullName());
    return "identity/account";
  }

  @PostMapping("/account")
  String rename(
      @AuthenticationPrincipal EarshotUser me,
      @RequestParam(defaultValue = "") String fullName,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    try {
      users.rename(me.id(), fullName);
    } catch (UserManagementException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("account", users.get(me.id()));
      model.addAttribute("fullName", fullName);
      model.addAttribute("error", e.getMessage());
      return "identity/account";
    }
    redirect.addFlashAttribute("notice", "Your name is saved.");
    return "redirect:/account";
  }
}
