-- The open-responses page reads one playground's free-text answers newest first, a page at a time.
-- Only free-text answers have answer_text (evaluations_one_answer), so this partial index holds
-- exactly the rows of the open_responses view, in the page's order (read backwards): the first
-- page is a short index scan however many answers the playground has. id breaks ties between the
-- answers of one submit, which share its transaction's created_at.
CREATE INDEX idx_evaluations_open_responses
  ON evaluations (playground_id, created_at, id)
  WHERE answer_text IS NOT NULL;
