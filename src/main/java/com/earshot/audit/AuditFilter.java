package com.earshot.audit;

import java.time.LocalDate;

/** What the audit page shows: all filters optional; dates inclusive, in UTC. */
record AuditFilter(String action, String resource, LocalDate from, LocalDate to, int page) {

  AuditFilter {
    action = action.length() > 255 ? action.substring(0, 255) : action;
    resource = resource.length() > 100 ? resource.substring(0, 100) : resource;
  }
}
