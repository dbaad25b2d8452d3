package com.earshot.identity.users;

import com.earshot.identity.EarshotUser;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
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
    model.addAttribute("accountDraft", AccountDraft.of(account));
    return "identity/account";
  }

  @PostMapping("/account")
  String rename(
      @AuthenticationPrincipal EarshotUser me,
      @Valid @ModelAttribute("accountDraft") AccountDraft draft,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("account", users.get(me.id()));
      return "identity/account";
    }
    users.rename(me.id(), draft.getFullName());
    redirect.addFlashAttribute("notice", "Your name is saved.");
    return "redirect:/account";
  }
}
