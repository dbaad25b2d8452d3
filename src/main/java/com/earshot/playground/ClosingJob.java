package com.earshot.playground;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes the playgrounds whose closing date has come, in every instance, every {@code
 * earshot.playgrounds.closing-interval} ({@code EARSHOT_PLAYGROUNDS_CLOSINGINTERVAL}, a minute by
 * default): a playground closes at most that long after its date.
 */
@Component
class ClosingJob {

  private static final Logger LOG = LoggerFactory.getLogger(ClosingJob.class);

  private final PlaygroundLifecycle lifecycle;

  ClosingJob(PlaygroundLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Scheduled(
      initialDelayString = "${earshot.playgrounds.closing-interval:60s}",
      fixedDelayString = "${earshot.playgrounds.closing-interval:60s}")
  void tick() {
    try {
      int closed = lifecycle.closeDue().size();
      if (closed > 0) {
        LOG.info("Closed {} playground(s) whose closing date had come", closed);
      }
    } catch (RuntimeException e) {
      LOG.warn("Closing dates not checked this round: {}", e.getClass().getSimpleName());
    }
  }
}
