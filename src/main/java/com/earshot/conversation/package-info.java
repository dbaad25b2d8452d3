/**
 * What ElevenLabs recorded of each session's call: the connection to ElevenLabs, the fetch queue
 * and its job, the post-call webhook, and the stored conversations read beside a session's answers.
 */
@ApplicationModule(allowedDependencies = {})
package com.earshot.conversation;

import org.springframework.modulith.ApplicationModule;
