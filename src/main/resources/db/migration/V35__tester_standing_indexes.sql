-- Each evaluation reads where its tester stands in the playground (issue 17): their latest round,
-- their open sessions and how many they have submitted. By these indexes that costs the same
-- after two thousand sessions as after none; before, the assignment read the tester's every
-- session twice per evaluation. The round index also serves every read by (playground_id,
-- user_id), so it replaces V8's index on those two.
CREATE INDEX idx_evaluation_sessions_tester_rounds
  ON evaluation_sessions (playground_id, user_id, round_number);
DROP INDEX idx_evaluation_sessions_playground_id_user_id;
CREATE INDEX idx_evaluation_sessions_tester_open ON evaluation_sessions (playground_id, user_id)
  WHERE status = 'assigned';
CREATE INDEX idx_evaluation_sessions_tester_submitted ON evaluation_sessions (playground_id, user_id)
  WHERE status = 'submitted';

-- V34's trigger on answers, with the testers left out entirely decided from the answers arriving
-- and one probe of the tester's earlier answers, instead of recomputed from all their sessions
-- (which grew with the tester's history when their sessions were left out).
CREATE OR REPLACE FUNCTION left_out_on_answers() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM left_out_lock(ARRAY(SELECT DISTINCT session_id FROM new_answers ORDER BY 1));

  INSERT INTO left_out_answer_tallies AS t (playground_id, question_id, model_key,
                                            configuration_version, position, day, answer_value,
                                            rating, answers)
  SELECT n.playground_id, n.question_id, n.model_key, s.configuration_version, s.position,
         n.created_at::date, n.answer_value, n.rating, count(*)
  FROM new_answers n
  JOIN left_out_sessions l ON l.session_id = n.session_id
  JOIN evaluation_sessions s ON s.id = n.session_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ON CONSTRAINT left_out_answer_tallies_key DO UPDATE
    SET answers = t.answers + excluded.answers;

  INSERT INTO left_out_pair_tallies AS t (playground_id, question_id, second_model_key, difference,
                                          pairs)
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
    AND EXISTS (SELECT 1 FROM left_out_sessions l WHERE l.session_id IN (first.id, second.id))
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT (question_id, second_model_key, difference) DO UPDATE
    SET pairs = t.pairs + excluded.pairs;

  DELETE FROM left_out_testers t
  USING new_answers n
  WHERE t.playground_id = n.playground_id AND t.user_id = n.user_id
    AND NOT EXISTS (SELECT 1 FROM left_out_sessions l WHERE l.session_id = n.session_id);
  -- Answers in a left-out session change nothing for a tester who answered before (left out
  -- entirely or not, they stay so); a tester answering for the first time, and only in left-out
  -- sessions, is left out entirely. One probe of their earlier answers, not all their sessions.
  INSERT INTO left_out_testers (playground_id, user_id)
  SELECT DISTINCT n.playground_id, n.user_id
  FROM new_answers n
  WHERE NOT EXISTS (SELECT 1 FROM new_answers c
                    WHERE c.playground_id = n.playground_id AND c.user_id = n.user_id
                      AND NOT EXISTS (SELECT 1 FROM left_out_sessions l
                                      WHERE l.session_id = c.session_id))
    AND NOT EXISTS (SELECT 1 FROM evaluations e
                    WHERE e.user_id = n.user_id AND e.playground_id = n.playground_id
                      AND e.session_id NOT IN (SELECT session_id FROM new_answers))
  ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- V34's "left out entirely?" for the testers of sessions entering or leaving the left-out set,
-- searched session by session (see below). Measured on a tester with 2,000 sessions: 46 ms as V34
-- wrote it (the planner hashed the playground's answers), under 0.1 ms so.
CREATE OR REPLACE FUNCTION left_out_testers_refresh(p_sessions uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  DELETE FROM left_out_testers t
  USING (SELECT DISTINCT playground_id, user_id FROM evaluation_sessions
         WHERE id = ANY (p_sessions)) s
  WHERE t.playground_id = s.playground_id AND t.user_id = s.user_id;
  -- Each tester's sessions one by one, each looked up in left_out_sessions and evaluations by its
  -- key and the first counted one with answers ending the search (LATERAL … LIMIT 1): as joins,
  -- the planner hashed the whole playground's answers for one tester.
  INSERT INTO left_out_testers (playground_id, user_id)
  SELECT s.playground_id, s.user_id
  FROM (SELECT DISTINCT playground_id, user_id FROM evaluation_sessions
        WHERE id = ANY (p_sessions)) s
  WHERE EXISTS (SELECT 1 FROM evaluations e
                WHERE e.user_id = s.user_id AND e.playground_id = s.playground_id)
    AND NOT EXISTS (
      SELECT 1 FROM evaluation_sessions o
      CROSS JOIN LATERAL (SELECT 1 FROM evaluations e WHERE e.session_id = o.id LIMIT 1) answered
      CROSS JOIN LATERAL (SELECT count(*) AS n FROM left_out_sessions l
                          WHERE l.session_id = o.id) out
      WHERE o.playground_id = s.playground_id AND o.user_id = s.user_id AND out.n = 0)
  ORDER BY 1, 2;
END $$;
