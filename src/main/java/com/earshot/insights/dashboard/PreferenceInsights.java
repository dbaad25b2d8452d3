package com.earshot.insights.dashboard;

import com.earshot.insights.review.SessionReview;
import com.earshot.platform.web.NotFoundException;
import com.earshot.playground.PlaygroundCatalog;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side of the head-to-head preferences, for Insights. */
@Service
public class PreferenceInsights {

  private final PlaygroundCatalog playgrounds;
  private final SessionReview review;
  private final PreferenceTallies tallies;

  PreferenceInsights(
      PlaygroundCatalog playgrounds, SessionReview review, PreferenceTallies tallies) {
    this.playgrounds = playgrounds;
    this.review = review;
    this.tallies = tallies;
  }

  /**
   * The preferences of one of the current admin's playgrounds, without the rounds whose sessions
   * the statistics leave out ({@code included}: counted after all); anything else is not found.
   */
  @Transactional(readOnly = true)
  public PreferenceTally tally(UUID playground, boolean included) {
    playgrounds.findOwn(playground).orElseThrow(() -> new NotFoundException("Playground"));
    return tallies.of(playground, review.leftOut(playground, included).subtracts());
  }
}
