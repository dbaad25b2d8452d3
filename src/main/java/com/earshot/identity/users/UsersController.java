package com.earshot.identity.users;

import com.earshot.identity.EarshotUser;
import com.earshot.identity.Role;
import com.earshot.platform.web.Confirmation;
import com.earshot.platform.web.Paging;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** Admin › Users: find people, promote and demote them (each after a confirmation). */
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

  /** What making {@code role} of the user will do, and the button that does it. */
  @GetMapping("/admin/users/{id}/role")
  String confirmRole(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "") String q,
      @RequestParam(defaultValue = "1") String page,
      @AuthenticationPrincipal EarshotUser admin,
      Model model,
      RedirectAttributes redirect) {
    Role target = role.equals("admin") ? Role.ADMIN : role.equals("tester") ? Role.TESTER : null;
    if (target == null) {
      redirect.addFlashAttribute("error", "Choose admin or tester.");
      return back(redirect, q, page);
    }
    UserAccount user = users.get(id);
    if (user.role() == target) {
      redirect.addFlashAttribute(
          "notice", user.email() + " is " + (user.admin() ? "an admin" : "a tester") + " already.");
      return back(redirect, q, page);
    }
    boolean self = admin != null && admin.id().equals(id);
    List<String> consequences =
        target == Role.ADMIN
            ? List.of(
                user.email()
                    + " becomes an admin: they can create playgrounds and read their results,"
                    + " see every user, and make and remove admins.",
                "They are signed out, so that they sign in again with the new role.")
            : self
                ? List.of(
                    "You become a tester: you can no longer manage playgrounds or users.",
                    "Your playgrounds stay as they are, with their answers, for another admin.",
                    "You are signed out at once.")
                : List.of(
                    user.email()
                        + " becomes a tester: they can no longer manage playgrounds or users.",
                    "Their playgrounds stay as they are, with their answers.",
                    "They are signed out, so that they sign in again with the new role.");
    model.addAttribute(
        "confirmation",
        new Confirmation(
            target == Role.ADMIN
                ? "Make " + user.email() + " an admin?"
                : self
                    ? "Remove yourself as an admin?"
                    : "Remove " + user.email() + " as an admin?",
            consequences,
            "/admin/users/" + id + "/role",
            target == Role.ADMIN ? "Make admin" : "Remove admin",
            Map.of("role", target.databaseValue(), "q", q, "page", page),
            UriComponentsBuilder.fromPath("/admin/users")
                .queryParam("q", q)
                .queryParam("page", page)
                .encode()
                .toUriString()));
    return Confirmation.VIEW;
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
