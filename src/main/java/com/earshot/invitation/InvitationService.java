package com.earshot.invitation;

import com.earshot.audit.AuditEntry;
import com.earshot.audit.AuditLog;
import com.earshot.identity.Emails;
import com.earshot.platform.CurrentUser;
import com.earshot.platform.DatabaseContext;
import com.earshot.platform.RateLimiter;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations and reminders: validated (every address, the limit per send, the access list of a
 * restricted playground), never mailed twice to one address within the resend window, limited per
 * admin, and audited (one row per send, with counts) in the transaction that records them. Each
 * mail goes out inside that transaction: when the mail server refuses one, nothing is recorded, so
 * nobody is listed as invited who was not mailed (those mailed before the failure may get the
 * invitation again on a retry, which is the lesser harm).
 */
@Service
class InvitationService implements Invitations {

  /** Addresses listed in an audit row, at most; a larger send is recorded by its counts. */
  private static final int AUDITED_ADDRESSES = 20;

  private final InvitationRepository invitations;
  private final PlaygroundCatalog playgrounds;
  private final InvitationMailer mailer;
  private final TesterLinks links;
  private final RateLimiter limiter;
  private final AuditLog audit;
  private final InvitationProperties properties;

  InvitationService(
      InvitationRepository invitations,
      PlaygroundCatalog playgrounds,
      InvitationMailer mailer,
      TesterLinks links,
      RateLimiter limiter,
      AuditLog audit,
      InvitationProperties properties) {
    this.invitations = invitations;
    this.playgrounds = playgrounds;
    this.mailer = mailer;
    this.links = links;
    this.limiter = limiter;
    this.audit = audit;
    this.properties = properties;
  }

  @Override
  @Transactional(readOnly = true)
  public boolean currentUserIsInvited() {
    return invitations.currentUserIsInvited();
  }

  /** The page of one of the admin's own playgrounds (404 for any other). */
  @Transactional(readOnly = true)
  InvitationsPage page(UUID playgroundId) {
    Playground playground = own(playgroundId);
    return new InvitationsPage(
        playground,
        links.of(playground.id()),
        InvitationsPage.addressesOn(playground),
        invitations.invitees(playground.id()),
        properties.maxPerSend());
  }

  /**
   * Invites the addresses typed in (commas or new lines between them).
   *
   * @throws MailException when the mail server refuses a message: nothing is recorded
   */
  @Transactional
  InvitationOutcome invite(UUID playgroundId, String typed) {
    Playground playground = own(playgroundId);
    AddressList.Parsed parsed = AddressList.parse(typed, properties.maxPerSend());
    if (parsed.error() != null) {
      return new InvitationOutcome.Refused(parsed.error());
    }
    List<String> outside =
        parsed.addresses().stream().filter(email -> !admits(playground, email)).toList();
    if (!outside.isEmpty()) {
      return new InvitationOutcome.Refused(
          "Not on this playground's access list, so they could not open it: "
              + AddressList.named(outside)
              + ". Add them under “Who may take part” first, or leave them out. Nothing was sent.");
    }
    return invite(playground, parsed.addresses(), "invitation.send");
  }

  /** Invites every individual address on the playground's access list. */
  @Transactional
  InvitationOutcome inviteAccessList(UUID playgroundId) {
    Playground playground = own(playgroundId);
    List<String> addresses = InvitationsPage.addressesOn(playground);
    if (addresses.isEmpty()) {
      return new InvitationOutcome.Refused(
          "The access list names no single address to invite (a public playground, or @domains"
              + " only). Type the addresses in instead.");
    }
    if (addresses.size() > properties.maxPerSend()) {
      return new InvitationOutcome.Refused(
          "At most %d addresses at once; the access list has %,d. Type them in, in parts."
              .formatted(properties.maxPerSend(), addresses.size()));
    }
    return invite(playground, addresses, "invitation.send_access_list");
  }

  /**
   * Reminds every invitee who has not finished and was not mailed within the resend window.
   *
   * @throws MailException when the mail server refuses a message: nothing is recorded
   */
  @Transactional
  InvitationOutcome remind(UUID playgroundId) {
    Playground playground = own(playgroundId);
    List<String> due = new ArrayList<>();
    int finished = 0;
    for (Invitee invitee : invitations.invitees(playground.id())) {
      if (invitee.finished()) {
        finished++;
      } else if (admits(playground, invitee.email())) {
        due.add(
            invitee.email()); // not those the access list has dropped since: they cannot open it
      }
    }
    if (due.isEmpty()) {
      return new InvitationOutcome.Refused(
          finished == 0
              ? "Nobody to remind: invite testers first."
              : "Every invitee who may open the playground has finished. Nobody to remind.");
    }
    Set<String> recent = invitations.mailedWithin(playground.id(), due, properties.resendAfter());
    List<String> toSend = due.stream().filter(email -> !recent.contains(email)).toList();
    if (toSend.size() > properties.maxPerSend()) {
      toSend = toSend.subList(0, properties.maxPerSend());
    }
    if (toSend.isEmpty()) {
      return new InvitationOutcome.Sent(0, recent.size(), finished);
    }
    if (!acquire()) {
      return limited();
    }
    for (String email : toSend) {
      mailer.send(email, playground, true);
      invitations.recordReminder(playground.id(), email);
    }
    audit.record(
        entry(
            "invitation.remind", playground, toSend, recent.size(), Map.of("finished", finished)));
    return new InvitationOutcome.Sent(toSend.size(), recent.size(), finished);
  }

  private InvitationOutcome invite(Playground playground, List<String> addresses, String action) {
    Set<String> recent =
        invitations.mailedWithin(playground.id(), addresses, properties.resendAfter());
    List<String> toSend = addresses.stream().filter(email -> !recent.contains(email)).toList();
    if (toSend.isEmpty()) {
      return new InvitationOutcome.Sent(0, recent.size(), 0);
    }
    if (!acquire()) {
      return limited();
    }
    UUID admin = currentAdmin();
    for (String email : toSend) {
      mailer.send(email, playground, false);
      invitations.recordInvitation(playground.id(), email, admin);
    }
    audit.record(entry(action, playground, toSend, recent.size(), Map.of()));
    return new InvitationOutcome.Sent(toSend.size(), recent.size(), 0);
  }

  private boolean acquire() {
    return limiter.tryAcquire(
        "invitations:" + currentAdmin(), properties.sendsPerWindow(), properties.rateWindow());
  }

  private InvitationOutcome limited() {
    audit.recordRefusal(AuditEntry.of("invitation.rate_limited"));
    return new InvitationOutcome.Limited(properties.rateWindow().toMinutes());
  }

  /** How many were mailed (and, for a small send, to whom) and how many not again. */
  private static AuditEntry entry(
      String action,
      Playground playground,
      List<String> toSend,
      int notSentAgain,
      Map<String, Object> more) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sent", toSend.size());
    details.put("not_sent_again", notSentAgain);
    if (toSend.size() <= AUDITED_ADDRESSES) {
      details.put("emails", toSend);
    }
    details.putAll(more);
    return AuditEntry.of(action)
        .on("playground", playground.id())
        .inPlayground(playground.id())
        .details(details);
  }

  /** Whether the playground lets {@code email} in: public, or the address or its @domain listed. */
  private static boolean admits(Playground playground, String email) {
    return playground.isPublic()
        || playground.restrictedEmails().contains(email)
        || playground.restrictedEmails().contains("@" + Emails.domainOf(email));
  }

  private Playground own(UUID playgroundId) {
    return playgrounds.findOwn(playgroundId).orElseThrow(() -> new NotFoundException("Playground"));
  }

  private static UUID currentAdmin() {
    return DatabaseContext.currentUser().map(CurrentUser::id).orElseThrow();
  }
}
