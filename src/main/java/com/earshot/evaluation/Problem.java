package com.earshot.evaluation;

import com.earshot.platform.database.DatabaseEnum;

/**
 * A problem a tester reports during or after a call: a reason from a short list, and optionally
 * their own words.
 *
 * @param details at most {@link #MAX_DETAILS} characters, or null
 */
public record Problem(Reason reason, String details) {

  static final int MAX_DETAILS = 1_000;

  /** The reasons a tester picks from, in their words. */
  public enum Reason implements DatabaseEnum {
    COULD_NOT_HEAR("I could not hear the agent"),
    NOT_HEARD("The agent did not hear me"),
    CALL_DROPPED("The call dropped or would not connect"),
    SAID_WHO_IT_IS("The agent said who it is (a name or a company)"),
    OTHER("Something else");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The reason a form or the database names, or null for none or an unknown one. */
    public static Reason of(String value) {
      return DatabaseEnum.find(Reason.class, value).orElse(null);
    }
  }
}
