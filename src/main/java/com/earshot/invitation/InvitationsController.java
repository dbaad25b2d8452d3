package com.earshot.invitation;

import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A playground's invitations page: the tester link, inviting (the access list or typed-in
 * addresses), reminding, and who got how far. A refused send comes back with the reason at the
 * field and what was typed kept; nothing is sent then.
 */
@Controller
class InvitationsController {

  private static final String VIEW = "invitation/invitations";

  private final InvitationService invitations;

  InvitationsController(InvitationService invitations) {
    this.invitations = invitations;
  }

  @GetMapping("/manage/playgrounds/{id}/invitations")
  String page(@PathVariable UUID id, Model model) {
    model.addAttribute("page", invitations.page(id));
    return VIEW;
  }

  @PostMapping("/manage/playgrounds/{id}/invitations")
  String invite(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "") String emails,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return answer(
        id, () -> invitations.invite(id, emails), "emails", emails, model, response, redirect);
  }

  @PostMapping("/manage/playgrounds/{id}/invitations/access-list")
  String inviteAccessList(
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return answer(
        id, () -> invitations.inviteAccessList(id), "accessList", "", model, response, redirect);
  }

  @PostMapping("/manage/playgrounds/{id}/invitations/remind")
  String remind(
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    return answer(id, () -> invitations.remind(id), "remind", "", model, response, redirect);
  }

  private interface Send {
    InvitationOutcome run();
  }

  /**
   * Sent: back to the page (so a reload sends nothing), saying what happened. Otherwise the page
   * again, with the reason at the form ({@code form}) and its text kept.
   */
  private String answer(
      UUID id,
      Send send,
      String form,
      String typed,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    InvitationOutcome outcome;
    try {
      outcome = send.run();
    } catch (MailException e) {
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return again(
          id,
          form,
          typed,
          "The mail server did not take the invitations just now, so none is recorded as sent."
              + " Please try again in a minute.",
          model);
    }
    if (outcome instanceof InvitationOutcome.Sent sent) {
      redirect.addFlashAttribute("notice", NoticeWords.of(sent, form.equals("remind")));
      return "redirect:/manage/playgrounds/" + id + "/invitations";
    }
    if (outcome instanceof InvitationOutcome.Limited limited) {
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(limited.retryAfterMinutes() * 60));
      return again(
          id,
          form,
          typed,
          "You have sent many invitations in a short time. Please wait "
              + limited.retryAfterMinutes()
              + " minutes, then send these. Nothing was sent.",
          model);
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return again(id, form, typed, ((InvitationOutcome.Refused) outcome).message(), model);
  }

  private String again(UUID id, String form, String typed, String error, Model model) {
    model.addAttribute("page", invitations.page(id));
    model.addAttribute("errorForm", form);
    model.addAttribute("error", error);
    model.addAttribute("emails", typed);
    return VIEW;
  }

  /** What a send did, in words. */
  static final class NoticeWords {

    private NoticeWords() {}

    static String of(InvitationOutcome.Sent sent, boolean reminder) {
      StringBuilder words = new StringBuilder();
      words.append(
          sent.sent() == 0
              ? (reminder ? "No reminder sent." : "No invitation sent.")
              : (reminder ? "Reminded " : "Invited ")
                  + sent.sent()
                  + (sent.sent() == 1 ? " tester." : " testers."));
      if (sent.notSentAgain() > 0) {
        words
            .append(' ')
            .append(sent.notSentAgain())
            .append(reminder ? " mailed recently" : " already invited")
            .append(", not sent again.");
      }
      if (sent.skipped() > 0) {
        words.append(' ').append(sent.skipped()).append(" finished already.");
      }
      return words.toString();
    }
  }
}
