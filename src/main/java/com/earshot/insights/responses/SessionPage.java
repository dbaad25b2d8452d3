package com.earshot.insights.responses;

import com.earshot.conversation.Conversation;
import com.earshot.conversation.FetchState;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundType;

/**
 * What the session page shows: the session, the playground it belongs to, and what ElevenLabs
 * recorded of its call.
 *
 * @param conversation the stored conversation, or null when there is none (yet)
 * @param fetch where fetching it stands
 * @param connected whether Earshot can ask ElevenLabs about this playground's calls at all
 */
record SessionPage(
    Playground playground,
    SessionDetail session,
    Conversation conversation,
    FetchState fetch,
    boolean connected) {

  public boolean abTest() {
    return playground.type() == PlaygroundType.AB_TESTING;
  }

  public String modelLabel() {
    return playground.modelLabel(session.model(), session.versionName());
  }

  /** Why there is no conversation to show, when there is none; one of the page's explanations. */
  public String missing() {
    if (conversation != null) {
      return null;
    }
    if (fetch.failed()) {
      return "failed";
    }
    // without a key the queued fetch waits: say what connecting would add
    if (!connected) {
      return "not-connected";
    }
    boolean noCall = session.callStartedAt() == null && session.conversationId() == null;
    if (fetch.pending() && (fetch.attempts() > 0 || !noCall)) {
      return "pending";
    }
    return noCall ? "no-call" : "not-fetched";
  }
}
