package com.earshot.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A session's recording, streamed through Earshot to its owning admin only. */
class RecordingTests extends ElevenLabsStandIn {

  static final byte[] MP3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB, 0x10};

  @Autowired MockMvcTester mvc;

  @Test
  void theOwningAdminHearsTheRecordingAndNeverSeesTheKey() {
    Call call = stored("conv_with_audio", true);
    ELEVENLABS.stubFor(
        get(urlPathEqualTo(conversationPath(call.conversationId()) + "/audio"))
            .withHeader("xi-api-key", equalTo(WORKSPACE_KEY))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "audio/mpeg")
                    .withBody(MP3)));

    MvcTestResult result = mvc.get().uri(recording(call)).with(owner(call).signedIn()).exchange();

    assertThat(result).hasStatusOk().hasContentType("audio/mpeg");
    assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(MP3);
    assertThat(result.getResponse().getHeaderNames())
        .allSatisfy(
            name -> assertThat(result.getResponse().getHeader(name)).doesNotContain(WORKSPACE_KEY));
  }

  @Test
  void nobodyElseHearsIt() {
    Call call = stored("conv_private_audio", true);
    ELEVENLABS.stubFor(
        get(urlPathEqualTo(conversationPath(call.conversationId()) + "/audio"))
            .willReturn(aResponse().withStatus(200).withBody(MP3)));

    assertThat(mvc.get().uri(recording(call)).with(fixtures.adminPerson("other").signedIn()))
        .hasStatus(404);
    assertThat(mvc.get().uri(recording(call)).with(fixtures.testerPerson("tester").signedIn()))
        .hasStatus(404);
    assertThat(requestsFor(conversationPath(call.conversationId()) + "/audio")).isZero();
  }

  @Test
  void noConversationOrNoAudioIsNotFound() {
    Call silent = stored("conv_without_audio", false);
    Call unfetched = endedCall("conv_not_fetched");
    Call gone = stored("conv_audio_deleted", true);
    ELEVENLABS.stubFor(
        get(urlPathEqualTo(conversationPath(gone.conversationId()) + "/audio"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"detail\":{\"status\":\"not_found\",\"message\":\"no audio\"}}")));

    assertThat(mvc.get().uri(recording(silent)).with(owner(silent).signedIn())).hasStatus(404);
    assertThat(mvc.get().uri(recording(unfetched)).with(owner(unfetched).signedIn()))
        .hasStatus(404);
    assertThat(mvc.get().uri(recording(gone)).with(owner(gone).signedIn())).hasStatus(404);
  }

  private com.earshot.support.Person owner(Call call) {
    return fixtures.person(call.admin(), Role.ADMIN);
  }

  private static String recording(Call call) {
    return "/manage/playgrounds/"
        + call.playground()
        + "/sessions/"
        + call.session()
        + "/recording";
  }

  private Call stored(String conversationId, boolean hasAudio) {
    Call call = endedCall(conversationId);
    fixtures
        .jdbc()
        .sql(
            "INSERT INTO conversations (session_id, playground_id, conversation_id, agent_id, status,"
                + " has_audio) VALUES (?, ?, ?, 'agent_model_a', 'done', ?)")
        .params(call.session(), call.playground(), conversationId, hasAudio)
        .update();
    return call;
  }
}
