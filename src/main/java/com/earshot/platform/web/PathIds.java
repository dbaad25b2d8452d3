package com.earshot.platform.web;

import java.util.UUID;

/** Ids from URLs: one that is not a UUID names nothing, so it answers 404 like an unknown one. */
public final class PathIds {

  private PathIds() {}

  public static UUID uuid(String id, String what) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(what);
    }
  }
}
