package com.earshot.playground;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a playground needs before testers may see it: every model a valid embed code whose widget
 * was seen to load in the preview (for its current configuration version), every form at least one
 * question, every A/B model a limit, and a closing date, if any, still to come. Each item says
 * where it is fixed.
 */
record GoLiveChecklist(List<Item> items) {

  /**
   * One requirement.
   *
   * @param requirement what is needed, as the checklist lists it
   * @param met whether the playground has it
   * @param fix what to do when it does not
   * @param href where that is done
   */
  record Item(String requirement, boolean met, String fix, String href) {}

  static GoLiveChecklist of(
      Playground playground, Set<ModelKey> widgetsLoaded, OffsetDateTime now) {
    String editor = "/manage/playgrounds/" + playground.id();
    boolean ab = playground.type() == PlaygroundType.AB_TESTING;
    List<Item> items = new ArrayList<>();
    for (ModelConfiguration model : playground.models()) {
      String name = ab ? "Model " + model.key().letter() : "The model";
      String form = editor + "#model-" + model.key().databaseValue();
      items.add(
          new Item(
              name + ": a valid embed code",
              model.parsed() != null,
              name
                  + " has no valid embed code: paste it from the agent's Widget tab in ElevenLabs.",
              form));
      items.add(
          new Item(
              name
                  + ": its widget loaded in the preview (version "
                  + model.configurationVersion()
                  + ")",
              widgetsLoaded.contains(model.key()),
              name
                  + "'s widget has not been seen to load since its last change: open its preview"
                  + " and wait for \"Yes: the widget loaded\".",
              editor + "/preview?model=" + model.key().databaseValue()));
      if (ab) {
        items.add(
            new Item(
                name + ": how many evaluations it should get",
                model.maxEvaluations() != null,
                name + " has no limit of evaluations: set how many it should get.",
                form));
      }
    }
    for (ModelConfiguration model : playground.models()) {
      String formName = ab ? "Model " + model.key().letter() + "'s form" : "The form";
      items.add(
          new Item(
              formName + ": at least one question",
              !playground.questionsFor(model.key()).isEmpty(),
              formName
                  + " has no questions: add one"
                  + (ab ? " for both models or for Model " + model.key().letter() : "")
                  + ".",
              editor + "#questions"));
    }
    if (playground.closesAt() != null) {
      items.add(
          new Item(
              "A closing date still to come",
              playground.closesAt().isAfter(now),
              "The closing date has passed: set a later one, or remove it.",
              editor + "#closing-date"));
    }
    return new GoLiveChecklist(List.copyOf(items));
  }

  List<Item> missing() {
    return items.stream().filter(item -> !item.met()).toList();
  }

  boolean complete() {
    return missing().isEmpty();
  }
}
