-- The dashboard at a million sessions (docs/benchmarks.md, "Insights"): V16's
-- insights_playground_metrics still read two things row by row, both growing with the playground.
--
-- 1. total_testers counted playground_testers: 500,000 index entries for 500,000 testers, each
--    checked against row-level security (about 150 ms of the dashboard's 200). It is now a tally:
--    the answers trigger counts the testers it adds to playground_testers (ON CONFLICT DO NOTHING
--    RETURNING gives exactly the rows it added, also under concurrency), per model of the answering
--    session. Only a tester's first answers in a playground write it, and its row belongs to one
--    model, like the counter row that the same submit locks next: submits of one model queue as
--    before, in the same lock order (V16's note), and starts write nothing.
-- 2. open and abandoned counted the sessions not submitted through an index that held neither
--    their status, expiry nor owner: one heap visit per expired session (50,000). The index now
--    covers them (same key, same rows, so no index is added to the start or submit path): the
--    count is an index-only scan. These stay counted rather than tallied: a reservation becomes
--    abandoned by time passing, and expiring it happens when its tester starts again, which must
--    not lock a shared row.

CREATE TABLE tester_tallies (
  playground_id uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  -- The model of the session in which the tester first answered (only the sum is read).
  model_key     varchar(50) NOT NULL,
  testers       bigint      NOT NULL,
  PRIMARY KEY (playground_id, model_key)
);

ALTER TABLE tester_tallies ENABLE ROW LEVEL SECURITY;
ALTER TABLE tester_tallies FORCE ROW LEVEL SECURITY;
CREATE POLICY tester_tallies_select ON tester_tallies FOR SELECT
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds
                               WHERE created_by = (SELECT app_current_user_id())));
CREATE POLICY tester_tallies_definer ON tester_tallies FOR ALL
  USING (current_user <> '${app_role}') WITH CHECK (current_user <> '${app_role}');
GRANT SELECT ON tester_tallies TO ${app_role};

-- V16's function with its last statement counting the testers it adds.
CREATE OR REPLACE FUNCTION insights_tally_answers() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  INSERT INTO answer_tallies AS t (playground_id, question_id, model_key, configuration_version,
                                   position, day, answer_value, rating, answers, last_answer_at)
  SELECT n.playground_id, n.question_id, n.model_key, s.configuration_version, s.position,
         n.created_at::date, n.answer_value, n.rating, count(*), max(n.created_at)
  FROM new_answers n
  JOIN evaluation_sessions s ON s.id = n.session_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ON CONSTRAINT answer_tallies_key DO UPDATE
    SET answers = t.answers + excluded.answers,
        last_answer_at = greatest(t.last_answer_at, excluded.last_answer_at);

  -- A rating given in the second session of a round pairs with the first session's rating of the
  -- same question: counted once, when the second is answered.
  INSERT INTO rating_pair_tallies AS t (playground_id, question_id, second_model_key, difference, pairs)
  SELECT n.playground_id, n.question_id, n.model_key,
         CASE WHEN n.model_key = 'model_b' THEN n.rating - f.rating ELSE f.rating - n.rating END,
         count(*)
  FROM new_answers n
  JOIN evaluation_sessions second ON second.id = n.session_id AND second.position = 2
  JOIN evaluation_sessions first ON first.playground_id = second.playground_id
                                AND first.user_id = second.user_id
                                AND first.round_number = second.round_number
                                AND first.position = 1
                                AND first.status = 'submitted'
  JOIN evaluations f ON f.session_id = first.id AND f.question_id = n.question_id
  WHERE n.rating IS NOT NULL AND f.rating IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT (question_id, second_model_key, difference) DO UPDATE
    SET pairs = t.pairs + excluded.pairs;

  WITH added AS (
    INSERT INTO playground_testers (playground_id, user_id)
    SELECT DISTINCT playground_id, user_id FROM new_answers
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING
    RETURNING playground_id, user_id
  )
  INSERT INTO tester_tallies AS t (playground_id, model_key, testers)
  SELECT a.playground_id, m.model_key, count(*)
  FROM added a
  JOIN (SELECT playground_id, user_id, min(model_key) AS model_key
        FROM new_answers GROUP BY 1, 2) m
    ON m.playground_id = a.playground_id AND m.user_id = a.user_id
  GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT (playground_id, model_key) DO UPDATE
    SET testers = t.testers + excluded.testers;
  RETURN NULL;
END $$;

-- What is already there: every tester of playground_testers, once.
INSERT INTO tester_tallies (playground_id, model_key, testers)
SELECT t.playground_id, m.model_key, count(*)
FROM playground_testers t
JOIN (SELECT playground_id, user_id, min(model_key) AS model_key
      FROM evaluations GROUP BY 1, 2) m
  ON m.playground_id = t.playground_id AND m.user_id = t.user_id
GROUP BY 1, 2;

-- Same key and rows as V16's index; the included columns are all that the count and row-level
-- security read.
DROP INDEX idx_evaluation_sessions_unsubmitted;
CREATE INDEX idx_evaluation_sessions_unsubmitted ON evaluation_sessions (playground_id, model_key)
  INCLUDE (status, expires_at, user_id)
  WHERE status <> 'submitted';

-- V16's function, with the testers from their tally.
CREATE OR REPLACE FUNCTION insights_playground_metrics(p_playground uuid)
  RETURNS SETOF playground_metrics
  LANGUAGE sql STABLE
  AS $$
    SELECT p.id, p.name, p.type, p.created_by, p.is_active,
           (SELECT coalesce(sum(t.testers), 0)::bigint FROM tester_tallies t
            WHERE t.playground_id = p.id),
           coalesce(a.answers, 0)::bigint,
           coalesce(s.submitted, 0)::bigint,
           coalesce(s.submitted_a, 0)::bigint,
           coalesce(s.submitted_b, 0)::bigint,
           a.rating_sum_a::numeric / nullif(a.ratings_a, 0),
           a.rating_sum_b::numeric / nullif(a.ratings_b, 0),
           coalesce(u.open, 0),
           coalesce(u.abandoned, 0),
           greatest(a.last_answer_at,
                    (SELECT max(es.started_at) FROM evaluation_sessions es WHERE es.playground_id = p.id),
                    s.last_submitted_at)
    FROM playgrounds p
    LEFT JOIN LATERAL (
      SELECT sum(t.answers) AS answers,
             sum(t.answers * t.rating) FILTER (WHERE t.model_key = 'model_a') AS rating_sum_a,
             sum(t.answers) FILTER (WHERE t.model_key = 'model_a' AND t.rating IS NOT NULL) AS ratings_a,
             sum(t.answers * t.rating) FILTER (WHERE t.model_key = 'model_b') AS rating_sum_b,
             sum(t.answers) FILTER (WHERE t.model_key = 'model_b' AND t.rating IS NOT NULL) AS ratings_b,
             max(t.last_answer_at) AS last_answer_at
      FROM answer_tallies t WHERE t.playground_id = p.id
    ) a ON true
    LEFT JOIN LATERAL (
      SELECT sum(t.submitted) AS submitted,
             sum(t.submitted) FILTER (WHERE t.model_key = 'model_a') AS submitted_a,
             sum(t.submitted) FILTER (WHERE t.model_key = 'model_b') AS submitted_b,
             max(t.last_submitted_at) AS last_submitted_at
      FROM session_tallies t WHERE t.playground_id = p.id
    ) s ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE es.status = 'assigned'
                                AND (es.expires_at IS NULL OR es.expires_at > now())) AS open,
             count(*) FILTER (WHERE es.status = 'expired'
                                OR (es.status = 'assigned' AND es.expires_at <= now())) AS abandoned
      FROM evaluation_sessions es
      WHERE es.playground_id = p.id AND es.status <> 'submitted'
    ) u ON true
    WHERE p.id = p_playground AND p.created_by = (SELECT app_current_user_id()) AND (SELECT app_is_admin())
  $$;
