package com.earshot.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.earshot.support.EarshotTest;
import com.earshot.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The closing job as it runs by itself: here every 200 ms (in every other test, hourly). */
@EarshotTest
@TestPropertySource(properties = "earshot.playgrounds.closing-interval=200ms")
class ClosingJobTests {

  final Fixtures fixtures = new Fixtures();

  @Test
  void shouldCloseAPlaygroundByItselfOnceItsClosingDateHasCome() throws InterruptedException {
    UUID admin = fixtures.admin("closing-job");
    UUID due = fixtures.abPlayground(admin);
    UUID later = fixtures.abPlayground(admin);
    fixtures
        .jdbc()
        .sql("UPDATE playgrounds SET closes_at = now() + interval '1 second' WHERE id = ?")
        .param(due)
        .update();
    fixtures
        .jdbc()
        .sql("UPDATE playgrounds SET closes_at = now() + interval '1 day' WHERE id = ?")
        .param(later)
        .update();

    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!status(due).equals("closed") && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }

    assertThat(status(due)).isEqualTo("closed");
    assertThat(status(later)).isEqualTo("live");
    assertThat(
            fixtures
                .jdbc()
                .sql(
                    """
                    SELECT count(*) FROM audit_log
                    WHERE action = 'playground.close' AND playground_id = ? AND user_id IS NULL
                      AND new_values ->> 'status' = 'closed'
                    """)
                .param(due)
                .query(Long.class)
                .single())
        .isOne();
  }

  private String status(UUID playground) {
    return fixtures
        .jdbc()
        .sql("SELECT status FROM playgrounds WHERE id = ? AND is_active = (status = 'live')")
        .param(playground)
        .query(String.class)
        .single();
  }
}
