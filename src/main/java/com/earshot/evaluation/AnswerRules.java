package com.earshot.evaluation;

import com.earshot.playground.Question;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rules an answer must keep (DESIGN.md, "Submission", 2). */
final class AnswerRules {

  private AnswerRules() {}

  /** The valid answers; a message per question id in {@code errors} for the others. */
  static List<Answer> check(
      List<Question> questions, Map<String, String> typed, Map<String, String> errors) {
    List<Answer> answers = new ArrayList<>();
    for (Question question : questions) {
      String id = question.id().toString();
      String raw = typed.get(id);
      String answer = raw == null ? "" : raw.strip();
      if (answer.isEmpty()) {
        if (question.required()) {
          errors.put(
              id,
              switch (question.type()) {
                case SELECT -> "Please choose an answer.";
                case INPUT_STRING -> "Please write an answer.";
                case RATING -> "Please choose a rating from 1 to 5.";
              });
        }
        continue;
      }
      switch (question.type()) {
        case SELECT -> {
          if (question.options().stream().noneMatch(option -> option.value().equals(answer))) {
            errors.put(id, "Please choose one of the answers shown.");
          } else {
            answers.add(new Answer(question.id(), null, answer, null));
          }
        }
        case INPUT_STRING -> {
          if (answer.length() > SubmissionService.MAX_TEXT) {
            errors.put(
                id,
                "At most "
                    + SubmissionService.MAX_TEXT
                    + " characters; this has "
                    + answer.length()
                    + ".");
          } else {
            answers.add(new Answer(question.id(), answer, null, null));
          }
        }
        case RATING -> {
          if (!answer.matches("[1-5]")) {
            errors.put(id, "Please choose a rating from 1 to 5.");
          } else {
            answers.add(new Answer(question.id(), null, null, Integer.parseInt(answer)));
          }
        }
      }
    }
    return answers;
  }
}
