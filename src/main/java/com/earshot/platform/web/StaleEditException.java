package com.earshot.platform.web;

/** Someone changed the thing since the form was opened: tell, do not overwrite. */
public class StaleEditException extends RuntimeException {

  public StaleEditException(String what) {
    super(
        "Someone changed this "
            + what
            + " after you opened it. Your changes are below and were not saved: compare them with"
            + " the current version, then save again.");
  }
}
