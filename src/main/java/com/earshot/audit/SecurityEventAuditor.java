package com.earshot.audit;

import com.earshot.platform.security.AccessDeniedEvent;
import com.earshot.platform.security.CsrfRejectedEvent;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Security events raised by the platform, into the log: refusals, coalesced per minute. */
@Component
class SecurityEventAuditor {

  private final AuditLog log;

  SecurityEventAuditor(AuditLog log) {
    this.log = log;
  }

  @EventListener
  void on(AccessDeniedEvent event) {
    log.recordRefusal(
        AuditEntry.of("security.access_denied")
            .details(Map.of("method", event.method(), "path", event.path())));
  }

  @EventListener
  void on(CsrfRejectedEvent event) {
    log.recordRefusal(
        AuditEntry.of("security.csrf_rejected")
            .details(Map.of("method", event.method(), "path", event.path())));
  }
}
