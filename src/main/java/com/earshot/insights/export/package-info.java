/**
 * Exports of a playground's evaluations, for its admin: {@code GET
 * /manage/playgrounds/{id}/export/answers.csv}, {@code answers.json}, {@code sessions.csv}, {@code
 * sessions.json}, {@code preferences.csv}, {@code preferences.json}.
 *
 * <ul>
 *   <li><b>answers</b>: one row per answer, with its session (status, round, blinded position,
 *       configuration version, times, conversation id), model, question and tester; ordered by the
 *       session's submit time (its start for an unsubmitted one), session, question order.
 *   <li><b>sessions</b>: one row per session of any status, then a column per question of the
 *       playground in question order, headed by its text (a repeated text gets " (2)", " (3)"…);
 *       the cell is the chosen option's value, the rating or the text, empty when not answered.
 *   <li><b>preferences</b> ({@code preferences.csv}, {@code preferences.json}): one row per round
 *       whose tester answered "Which agent would you rather talk to again?": the verdict as the
 *       tester gave it (first, second, both_good, both_bad: by the order they met the agents), the
 *       model chosen (empty for a tie) and the model met first, with their names, and the reason.
 * </ul>
 *
 * <p>Times are ISO-8601 in UTC. CSV is RFC 4180 in UTF-8, with cells that a spreadsheet would run
 * as formulas defused by a leading apostrophe; JSON is an array of objects with the same keys,
 * typed (numbers, null) and unaltered. Rows are streamed from a database cursor to the response;
 * each export is audited ({@code playground.export}) before its first byte.
 */
package com.earshot.insights.export;
