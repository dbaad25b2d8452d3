package com.earshot.playground;

import com.earshot.platform.web.WholeNumber;
import jakarta.validation.constraints.NotBlank;

/** How evaluations run, as typed: the numbers stay text, so that "ten" comes back as "ten". */
class SettingsDraft {

  @NotBlank(message = "How many minutes does an assigned agent wait for its tester?")
  @WholeNumber(min = 1, max = 1440)
  private String reservationMinutes = "";

  @WholeNumber(min = 1, max = 1000)
  private String maxRounds = "";

  private boolean requireCall;

  private boolean asksPreference;

  static SettingsDraft of(Playground.Settings settings) {
    SettingsDraft draft = new SettingsDraft();
    draft.setReservationMinutes(String.valueOf(settings.reservationMinutes()));
    draft.setMaxRounds(
        settings.maxRoundsPerTester() == null ? "" : settings.maxRoundsPerTester().toString());
    draft.setRequireCall(settings.requireCall());
    draft.setAsksPreference(settings.asksPreference());
    return draft;
  }

  public String getReservationMinutes() {
    return reservationMinutes;
  }

  public void setReservationMinutes(String reservationMinutes) {
    this.reservationMinutes = reservationMinutes;
  }

  public String getMaxRounds() {
    return maxRounds;
  }

  public void setMaxRounds(String maxRounds) {
    this.maxRounds = maxRounds;
  }

  public boolean isRequireCall() {
    return requireCall;
  }

  public void setRequireCall(boolean requireCall) {
    this.requireCall = requireCall;
  }

  public boolean isAsksPreference() {
    return asksPreference;
  }

  public void setAsksPreference(boolean asksPreference) {
    this.asksPreference = asksPreference;
  }

  /** The settings as stored: only an A/B test asks which agent testers prefer. */
  Playground.Settings settings(PlaygroundType type) {
    return new Playground.Settings(
        WholeNumber.Check.valueOf(reservationMinutes),
        WholeNumber.Check.valueOf(maxRounds),
        requireCall,
        asksPreference && type == PlaygroundType.AB_TESTING);
  }
}
