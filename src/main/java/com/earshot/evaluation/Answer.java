package com.earshot.evaluation;

import java.util.UUID;

/**
 * One valid answer, as stored: the chosen option's value, the text, or the rating (the other two
 * null).
 */
record Answer(UUID question, String text, String value, Integer rating) {}
