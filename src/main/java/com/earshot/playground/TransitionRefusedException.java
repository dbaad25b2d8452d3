package com.earshot.playground;

/** A move the playground's status does not allow; the message is for the admin who tried. */
class TransitionRefusedException extends RuntimeException {

  private TransitionRefusedException(String message) {
    super(message);
  }

  static TransitionRefusedException from(PlaygroundStatus status, String move) {
    return new TransitionRefusedException(
        status == PlaygroundStatus.CLOSED
            ? "This playground is already closed, and a closed playground stays closed: duplicate"
                + " it to run another round."
            : "A playground that is " + status.label().toLowerCase() + " cannot " + move + ".");
  }

  static TransitionRefusedException meanwhile() {
    return new TransitionRefusedException(
        "Someone changed this playground's status meanwhile: here it is as it is now.");
  }
}
