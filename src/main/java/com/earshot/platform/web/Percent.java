package com.earshot.platform.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A share as pages show it, so that the same number reads the same on every page. */
public final class Percent {

  private Percent() {}

  /** {@code part} of {@code whole} in percent, to one decimal (7.7); null when the whole is 0. */
  public static BigDecimal of(long part, long whole) {
    return whole == 0
        ? null
        : BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP);
  }
}
