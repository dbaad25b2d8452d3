package com.earshot.support;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.microsoft.playwright.Page;
import java.util.List;

/**
 * Deque's axe-core run on a page as it is now: every violation, whatever its impact, one line each.
 * ElevenLabs' widget is left out: its shadow root is not ours to fix.
 */
public final class Axe {

  private Axe() {}

  /** Each violation as "impact rule: help at [nodes]"; empty when the page passes. */
  public static List<String> violations(Page page) {
    return new AxeBuilder(page)
        .exclude("elevenlabs-convai").analyze().getViolations().stream()
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
