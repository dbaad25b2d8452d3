package com.earshot.support;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.function.Predicate;

/**
 * Deque's axe-core run on a page as it is now: every violation, whatever its impact, one line each.
 * ElevenLabs' widget is left out: its shadow root is not ours to fix.
 */
public final class Axe {

  private Axe() {}

  /** Each violation as "impact rule: help at [nodes]"; empty when the page passes. */
  public static List<String> violations(Page page) {
    return violations(page, impact -> true);
  }

  /** The violations of these impacts only, each as {@link #violations(Page)} says it. */
  public static List<String> violations(Page page, List<String> impacts) {
    return violations(page, impacts::contains);
  }

  private static List<String> violations(Page page, Predicate<String> impact) {
    return new AxeBuilder(page)
        .exclude("elevenlabs-convai").analyze().getViolations().stream()
            .filter(rule -> impact.test(rule.getImpact()))
            .map(
                rule ->
                    rule.getImpact()
                        + " "
                        + rule.getId()
                        + ": "
                        + rule.getHelp()
                        + " at "
                        + rule.getNodes().stream().map(CheckedNode::getHtml).toList())
            .toList();
  }
}
