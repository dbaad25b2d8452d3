package com.earshot.playground;

/** Going live refused: the checklist names what is missing. */
class NotReadyException extends RuntimeException {

  private final GoLiveChecklist checklist;

  NotReadyException(GoLiveChecklist checklist) {
    super(
        "Not live yet: "
            + checklist.missing().size()
            + (checklist.missing().size() == 1 ? " thing is" : " things are")
            + " missing.");
    this.checklist = checklist;
  }

  GoLiveChecklist checklist() {
    return checklist;
  }
}
