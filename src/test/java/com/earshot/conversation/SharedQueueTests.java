package com.earshot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.TwoInstances;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Two app instances on one queue: every conversation is fetched exactly once. */
class SharedQueueTests extends ElevenLabsStandIn {

  @Test
  void twoInstancesShareTheQueueAndFetchEachConversationOnce() throws Exception {
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Call call = endedCall("conv_shared_" + i);
      calls.add(call);
      ELEVENLABS.stubFor(
          getConversation(call.conversationId())
              .willReturn(
                  json(conversation(call.conversationId(), "agent_model_a", "done", 2))
                      .withFixedDelay(20)));
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (TwoInstances instances = TwoInstances.start(properties())) {
      List<Callable<Integer>> work = new ArrayList<>();
      for (var instance :
          List.of(instances.first(), instances.second(), instances.first(), instances.second())) {
        FetchJob job = instance.getBean(FetchJob.class);
        work.add(job::runOnce);
      }
      int claimed = 0;
      for (Future<Integer> done : threads.invokeAll(work)) {
        claimed += done.get();
      }
      assertThat(claimed).isEqualTo(calls.size());
    } finally {
      threads.shutdownNow();
    }

    for (Call call : calls) {
      assertThat(fetchRow(call.session()).get("state")).as(call.conversationId()).isEqualTo("done");
      assertThat(requestsFor(conversationPath(call.conversationId())))
          .as(call.conversationId())
          .isEqualTo(1);
    }
  }
}
