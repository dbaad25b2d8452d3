package com.earshot.invitation;

import com.earshot.identity.OutgoingMail;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The address testers open to reach a playground, as mail and the admin's "Copy tester link" give
 * it: from the configured base URL, like every link Earshot hands out. Pages read it as {@code
 * ${@testerLinks.of(id)}}.
 */
@Component("testerLinks")
public class TesterLinks {

  private final OutgoingMail mail;

  TesterLinks(OutgoingMail mail) {
    this.mail = mail;
  }

  public String of(UUID playground) {
    return mail.link("/playgrounds/" + playground).toUriString();
  }
}
