package com.earshot.insights.responses;

import com.earshot.conversation.Conversations;
import com.earshot.platform.web.NotFoundException;
import com.earshot.platform.web.Paging;
import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundCatalog;
import com.earshot.playground.Question;
import com.earshot.playground.QuestionType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The open answers of an admin's playground (DESIGN.md, "Insights" 2: paged, searchable, per
 * question and model) and the sessions they came from. A playground the admin does not own is not
 * found, as one that does not exist; row-level security says the same again in the database.
 */
@Service
class ResponsesService {

  private final PlaygroundCatalog playgrounds;
  private final OpenResponses responses;
  private final Conversations conversations;

  ResponsesService(
      PlaygroundCatalog playgrounds, OpenResponses responses, Conversations conversations) {
    this.playgrounds = playgrounds;
    this.responses = responses;
    this.conversations = conversations;
  }

  /**
   * One page of the playground's open answers. A model or question filter that names nothing in
   * this playground is dropped and reported in {@link ResponsesPage#problems()}; a page beyond the
   * end shows the last one.
   */
  @Transactional(readOnly = true)
  ResponsesPage responses(UUID playgroundId, ResponsesRequest request) {
    Playground playground = ownPlayground(playgroundId);
    List<Question> questions =
        playground.questions().stream()
            .filter(question -> question.type() == QuestionType.INPUT_STRING)
            .toList();
    List<String> problems = new ArrayList<>();
    ModelKey model = model(playground, request.model(), problems);
    UUID question = question(questions, request.question(), problems);
    ResponseFilter filter = new ResponseFilter(request.q(), model, question);

    List<AnswerCount> counts = responses.counts(playgroundId, filter);
    long total =
        counts.stream()
            .filter(count -> filter.admits(count.questionId(), count.model()))
            .mapToLong(AnswerCount::answers)
            .sum();
    int size = request.pageSize();
    Paging paging = Paging.of(request.pageNumber(), size, total);
    List<ResponseRow> rows =
        total == 0 ? List.of() : responses.page(playgroundId, filter, size, paging.offset());
    return new ResponsesPage(
        playground,
        request,
        filter,
        questions,
        counts,
        rows,
        total,
        paging.page(),
        paging.totalPages(),
        size,
        List.copyOf(problems));
  }

  /** A session of the playground with all its answers and its call; 404 for any other. */
  @Transactional(readOnly = true)
  SessionPage session(UUID playgroundId, UUID sessionId) {
    Playground playground = ownPlayground(playgroundId);
    SessionDetail session =
        responses
            .session(playgroundId, sessionId)
            .orElseThrow(() -> new NotFoundException("Session"));
    return new SessionPage(
        playground,
        session,
        conversations.of(sessionId).orElse(null),
        conversations.state(sessionId),
        conversations.connected(playgroundId));
  }

  private Playground ownPlayground(UUID id) {
    return playgrounds.findOwn(id).orElseThrow(() -> new NotFoundException("Playground"));
  }

  private static ModelKey model(Playground playground, String typed, List<String> problems) {
    if (typed.isEmpty()) {
      return null;
    }
    ModelKey key = playground.type().modelKey(typed).orElse(null);
    if (key == null) {
      problems.add("This playground has no such model, so answers about every model are shown.");
    }
    return key;
  }

  private static UUID question(List<Question> questions, String typed, List<String> problems) {
    if (typed.isEmpty()) {
      return null;
    }
    for (Question question : questions) {
      if (question.id().toString().equalsIgnoreCase(typed)) {
        return question.id();
      }
    }
    problems.add(
        "This playground has no such free-text question, so answers to every question are shown.");
    return null;
  }
}
