package com.earshot.insights.sessions;

import com.earshot.insights.review.Flag;
import com.earshot.platform.web.Paging;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundType;
import java.util.List;

/**
 * One page of a playground's sessions, with what the filters understood.
 *
 * @param typed the request as sent, to fill the form in again
 * @param versions the configuration versions the playground's sessions were given
 * @param testerEmail the email of the tester whose sessions are shown (the per-tester view), or
 *     null
 * @param problems what was not understood (and so not filtered by)
 */
record SessionsPage(
    Playground playground,
    SessionsRequest typed,
    SessionFilter filter,
    List<SessionRow> rows,
    Paging paging,
    List<Integer> versions,
    String testerEmail,
    List<String> problems) {

  static final List<String> STATUSES = List.of("submitted", "assigned", "expired", "given_back");

  public boolean abTest() {
    return playground.type() == PlaygroundType.AB_TESTING;
  }

  public List<ModelKey> modelKeys() {
    return playground.type().modelKeys();
  }

  public String modelLabel(ModelKey key) {
    return playground.modelLabel(key);
  }

  /** The session's model as it was named in the session's configuration version. */
  public String modelLabel(SessionRow row) {
    return playground.modelLabel(row.model(), row.versionName());
  }

  public List<String> statuses() {
    return STATUSES;
  }

  public String statusLabel(String status) {
    return switch (status) {
      case "submitted" -> "Submitted";
      case "assigned" -> "Assigned, not submitted";
      case "expired" -> "Expired";
      case "given_back" -> "Given back";
      default -> status;
    };
  }

  public List<Integer> sizeChoices() {
    return List.of(10, 25, 50, 100);
  }

  public String modelValue() {
    return filter.model() == null ? "" : filter.model().databaseValue();
  }

  public String flagValue() {
    return filter.flag() == null ? "" : filter.flag().databaseValue();
  }

  /** Every flag, for the filter. */
  public List<Flag> flags() {
    return List.of(Flag.values());
  }

  public String statusValue() {
    return filter.status() == null ? "" : filter.status();
  }

  public String versionValue() {
    return filter.version() == null ? "" : filter.version().toString();
  }

  public String testerValue() {
    return filter.tester() == null ? "" : filter.tester().toString();
  }
}
