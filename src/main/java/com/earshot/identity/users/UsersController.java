package com.earshot.identity.users;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.Role;
import com.earshot.platform.web.Paging;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin › Users: find people, promote and demote them. */
@Controller
class UsersController {

  private final UserService users;

  UsersController(UserService users) {
    this.users = users;
  }

  @GetMapping("/admin/users")
  String list(
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "1") String page,
      Model model) {
    model.addAttribute("result", users.search(q, Paging.number(page, 1)));
    return "identity/users";
  }

  @PostMapping("/admin/users/{id}/role")
  String changeRole(
      @PathVariable UUID id,
      @RequestParam String role,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "1") String page,
      @AuthenticationPrincipal EarshotUser admin,
      RedirectAttributes redirect) {
    Role target;
    try {
      target = Role.valueOf(role.toUpperCase());
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", "Choose admin or tester.");
      return back(redirect, q, page);
    }
    try {
      UserAccount changed = users.changeRole(id, target);
      redirect.addFlashAttribute(
          "notice", changed.email() + " is now " + (changed.admin() ? "an admin." : "a tester."));
      if (admin != null && admin.id().equals(id) && target != Role.ADMIN) {
        return "redirect:/";
      }
    } catch (UserManagementException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return back(redirect, q, page);
  }

  private static String back(RedirectAttributes redirect, String q, String page) {
    redirect.addAttribute("q", q);
    redirect.addAttribute("page", page);
    return "redirect:/admin/users";
  }
}
