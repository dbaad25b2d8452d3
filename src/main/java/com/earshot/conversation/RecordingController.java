package com.earshot.conversation;

import com.earshot.platform.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A session's recording for its playground's owning admin, streamed from ElevenLabs through Earshot
 * as it arrives (never held whole): the browser never sees the API key, nor ElevenLabs' address.
 */
@Controller
class RecordingController {

  private static final Logger LOG = LoggerFactory.getLogger(RecordingController.class);

  private final RecordingSource sources;
  private final ApiKeys keys;
  private final ElevenLabsClient client;

  RecordingController(RecordingSource sources, ApiKeys keys, ElevenLabsClient client) {
    this.sources = sources;
    this.keys = keys;
    this.client = client;
  }

  @GetMapping("/manage/playgrounds/{id}/sessions/{sessionId}/recording")
  void recording(@PathVariable UUID id, @PathVariable UUID sessionId, HttpServletResponse response)
      throws IOException {
    String conversationId =
        sources.conversationWithAudio(id, sessionId).orElseThrow(RecordingController::none);
    String key = keys.resolveOwn(id).orElseThrow(RecordingController::none);
    HttpResponse<InputStream> audio;
    try {
      audio = client.audio(key, conversationId);
    } catch (ElevenLabsException e) {
      if (e.kind() == ElevenLabsException.Kind.NOT_FOUND) {
        throw none();
      }
      LOG.warn("Recording of session {} not streamed: {}", sessionId, e.getMessage());
      response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
      return;
    }
    try (InputStream in = audio.body()) {
      response.setContentType("audio/mpeg");
      response.setHeader("Cache-Control", "private, no-store");
      response.setHeader("X-Content-Type-Options", "nosniff");
      audio.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
      OutputStream out = response.getOutputStream();
      byte[] buffer = new byte[16 * 1024];
      for (int read; (read = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, read);
        out.flush();
      }
    }
  }

  private static NotFoundException none() {
    return new NotFoundException("Recording");
  }
}
