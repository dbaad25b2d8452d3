package com.earshot.insights.sessions;

import com.earshot.conversation.ConversationSummary;
import com.earshot.conversation.Conversations;
import com.earshot.insights.review.Flag;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.Paging;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sessions of an admin's playground, filtered and paged, in a fixed number of statements
 * whatever the page holds. A playground the admin does not own is not found, as one that does not
 * exist; row-level security says the same again in the database.
 */
@Service
class SessionList {

  private final PlaygroundCatalog playgrounds;
  private final SessionQueries queries;
  private final Conversations conversations;

  SessionList(PlaygroundCatalog playgrounds, SessionQueries queries, Conversations conversations) {
    this.playgrounds = playgrounds;
    this.queries = queries;
    this.conversations = conversations;
  }

  /**
   * One page of the playground's sessions. A filter that names nothing in this playground is
   * dropped and reported in {@link SessionsPage#problems()}; a page beyond the end shows the last.
   */
  @Transactional(readOnly = true)
  SessionsPage page(UUID playgroundId, SessionsRequest request) {
    Playground playground =
        playgrounds.findOwn(playgroundId).orElseThrow(() -> new NotFoundException("Playground"));
    List<String> problems = new ArrayList<>();
    List<Integer> versions = queries.versions(playgroundId);
    UUID tester = tester(request.tester(), problems);
    String testerEmail = null;
    if (tester != null) {
      testerEmail = queries.testerEmail(playgroundId, tester).orElse(null);
      if (testerEmail == null) {
        problems.add("No tester with that id has a session here, so every tester's are shown.");
        tester = null;
      }
    }
    SessionFilter filter =
        new SessionFilter(
            model(playground, request.model(), problems),
            status(request.status(), problems),
            version(versions, request.version(), problems),
            request.email(),
            tester,
            flag(request.flag(), problems));
    long total = queries.count(playgroundId, filter);
    Paging paging = Paging.of(request.pageNumber(), request.pageSize(), total);
    List<SessionRow> rows =
        total == 0 ? List.of() : queries.page(playgroundId, filter, paging.size(), paging.offset());
    Map<UUID, ConversationSummary> summaries =
        conversations.summaries(rows.stream().map(SessionRow::id).toList());
    return new SessionsPage(
        playground,
        request,
        filter,
        rows.stream().map(row -> row.with(summaries.get(row.id()))).toList(),
        paging,
        versions,
        testerEmail,
        List.copyOf(problems));
  }

  private static ModelKey model(Playground playground, String typed, List<String> problems) {
    if (typed.isEmpty()) {
      return null;
    }
    ModelKey key = playground.type().modelKey(typed).orElse(null);
    if (key == null) {
      problems.add("This playground has no such model, so sessions with every model are shown.");
    }
    return key;
  }

  private static String status(String typed, List<String> problems) {
    if (typed.isEmpty()) {
      return null;
    }
    if (SessionsPage.STATUSES.contains(typed)) {
      return typed;
    }
    problems.add("There is no such status, so sessions of every status are shown.");
    return null;
  }

  private static Flag flag(String typed, List<String> problems) {
    if (typed.isEmpty()) {
      return null;
    }
    Flag flag = Flag.fromDatabase(typed).orElse(null);
    if (flag == null) {
      problems.add("There is no such flag, so sessions with and without flags are shown.");
    }
    return flag;
  }

  private static Integer version(List<Integer> versions, String typed, List<String> problems) {
    if (typed.isEmpty()) {
      return null;
    }
    int number = Paging.number(typed, -1);
    if (versions.contains(number)) {
      return number;
    }
    problems.add("No session was given that configuration version, so every version is shown.");
    return null;
  }

  private static UUID tester(String typed, List<String> problems) {
    if (typed.isEmpty()) {
      return null;
    }
    try {
      return UUID.fromString(typed);
    } catch (IllegalArgumentException e) {
      problems.add("That is not a tester's id, so every tester's sessions are shown.");
      return null;
    }
  }
}
