package com.earshot.conversation;

/**
 * What a list of sessions shows of one session's conversation: whether it is stored, how long the
 * call was and which agent version answered, and where its fetch stands.
 *
 * @param status ElevenLabs' status of the stored conversation, or null when none is stored
 * @param durationSecs the call's length as ElevenLabs measured it, or null
 * @param versionId the ElevenLabs agent version that answered, or null
 */
public record ConversationSummary(
    String status, Integer durationSecs, String versionId, FetchState fetch) {

  /** A session without a stored conversation that was never queued. */
  public static final ConversationSummary NONE =
      new ConversationSummary(null, null, null, FetchState.NOT_QUEUED);

  public boolean stored() {
    return status != null;
  }

  /** The call's length as m:ss, or null. */
  public String duration() {
    return durationSecs == null ? null : Conversation.clock(durationSecs);
  }
}
