package com.earshot.playground;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The playground editor: the playground, and each of its forms with a draft of what is stored. The
 * form that was sent and comes back (to be fixed, or stale) brings its own draft, as typed: under
 * its form's name (details, settings, access), or as {@code modelDraft} with {@code editedModel},
 * or {@code questionDraft} with {@code editedQuestion} ("new" or the question's id), which the page
 * then shows in that form's place. Every render carries the playground's {@link GoLiveChecklist}
 * (its Status section, {@code playground/lifecycle.html}).
 */
@Component
class EditorPage {

  private final PlaygroundLifecycle lifecycle;

  EditorPage(PlaygroundLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  String show(Playground playground, Model model) {
    model.addAttribute("playground", playground);
    model.addAttribute("checklist", lifecycle.checklist(playground));
    if (!model.containsAttribute("detailsDraft")) {
      model.addAttribute("detailsDraft", DetailsDraft.of(playground));
    }
    if (!model.containsAttribute("settingsDraft")) {
      model.addAttribute("settingsDraft", SettingsDraft.of(playground.settings()));
    }
    if (!model.containsAttribute("accessDraft")) {
      model.addAttribute("accessDraft", AccessDraft.of(playground));
    }
    for (ModelConfiguration agent : playground.models()) {
      model.addAttribute("modelDraft" + agent.key().letter(), PlaygroundDraft.ModelDraft.of(agent));
    }
    List<Question> questions = playground.questions();
    for (int i = 0; i < questions.size(); i++) {
      model.addAttribute("questionDraft" + i, QuestionDrafts.of(questions.get(i)));
    }
    model.addAttribute("newQuestionDraft", QuestionDrafts.blank());
    return "playground/edit";
  }
}
