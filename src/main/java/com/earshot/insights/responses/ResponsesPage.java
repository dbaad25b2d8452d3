package com.earshot.insights.responses;

import com.earshot.playground.ModelKey;
import com.earshot.playground.Playground;
import com.earshot.playground.PlaygroundType;
import com.earshot.playground.Question;
import java.util.List;

/**
 * What the open-responses page shows. The helper methods are public because templates call them.
 *
 * @param typed the query as sent, for the form to show it back
 * @param filter the filters applied (one that was not understood is dropped, see {@code problems})
 * @param questions the playground's free-text questions, in the form's order
 * @param counts the answers matching the search, per question and model
 * @param total the answers matching every filter
 * @param problems what in the query was not understood, in words; empty when all was
 */
record ResponsesPage(
    Playground playground,
    ResponsesRequest typed,
    ResponseFilter filter,
    List<Question> questions,
    List<AnswerCount> counts,
    List<ResponseRow> rows,
    long total,
    int page,
    int totalPages,
    int size,
    List<String> problems) {

  public boolean abTest() {
    return playground.type() == PlaygroundType.AB_TESTING;
  }

  public List<ModelKey> modelKeys() {
    return playground.type().modelKeys();
  }

  public String modelLabel(ModelKey key) {
    return playground.modelLabel(key);
  }

  /** The answer's model as it was named in its session's configuration version. */
  public String modelLabel(ResponseRow row) {
    return playground.modelLabel(row.model(), row.versionName());
  }

  /** The answers matching the search for one question and model; null if it is not asked of it. */
  public Long count(Question question, ModelKey key) {
    if (!question.isAskedAbout(key)) {
      return null;
    }
    return counts.stream()
        .filter(c -> c.questionId().equals(question.id()) && c.model() == key)
        .mapToLong(AnswerCount::answers)
        .sum();
  }

  /** The page sizes offered: the usual ones, and the one in use. */
  public List<Integer> sizeChoices() {
    return java.util.stream.Stream.of(10, 20, 50, 100, size).distinct().sorted().toList();
  }

  public boolean filtered() {
    return filter.searching() || filter.model() != null || filter.question() != null;
  }
}
