package com.earshot.insights.responses;

import com.earshot.playground.ModelKey;
import java.util.UUID;

/** How many open answers (matching the search) one question has about one model. */
record AnswerCount(UUID questionId, ModelKey model, long answers) {}
