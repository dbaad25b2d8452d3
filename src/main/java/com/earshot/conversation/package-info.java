/**
 * What ElevenLabs recorded of each session's call: the connection (workspace and per-playground API
 * keys), the fetch queue and its job, the post-call webhook, the recordings, and the stored
 * conversations read beside a session's answers.
 */
@ApplicationModule(allowedDependencies = {"audit", "platform"})
package com.earshot.conversation;

import org.springframework.modulith.ApplicationModule;
