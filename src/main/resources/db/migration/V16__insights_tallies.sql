-- Tallies: what the dashboard counts, kept by triggers in the transaction that submits the answers,
-- so a playground with a million sessions is summed from a few thousand rows, and the numbers are
-- exactly those of the seed's views (tests and the insights benchmark compare them).
--
-- Locking: a submit updates its session (session_tallies row), inserts its answers in one
-- statement (answer_tallies rows in key order, then rating_pair_tallies) and then takes its
-- model's counter row. Every submit takes these locks in that order, and every tally row belongs to
-- one model, so submits of one model queue as they already did behind its counter, and never
-- deadlock.

-- Answers per question, model, configuration version, position in the round, day (UTC) and answer
-- (the option value of a select, the rating; both NULL for free text).
CREATE TABLE answer_tallies (
  playground_id         uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  question_id           uuid         NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  model_key             varchar(50)  NOT NULL,
  configuration_version int          NOT NULL,
  position              smallint     NOT NULL,
  day                   date         NOT NULL,
  answer_value          varchar(255),
  rating                int,
  answers               bigint       NOT NULL,
  last_answer_at        timestamp    NOT NULL,
  CONSTRAINT answer_tallies_key UNIQUE NULLS NOT DISTINCT
    (question_id, model_key, configuration_version, position, day, answer_value, rating)
);

CREATE INDEX idx_answer_tallies_playground_id ON answer_tallies (playground_id);

-- Submitted sessions per model, configuration version, position and day (UTC) of submission.
CREATE TABLE session_tallies (
  playground_id         uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  model_key             varchar(50) NOT NULL,
  configuration_version int         NOT NULL,
  position              smallint    NOT NULL,
  day                   date        NOT NULL,
  submitted             bigint      NOT NULL,
  last_submitted_at     timestamp   NOT NULL,
  PRIMARY KEY (playground_id, model_key, configuration_version, position, day)
);

-- Paired ratings of an A/B round (the same tester rated both agents on a question asked of both):
-- how many pairs had each difference (model B's rating minus model A's), by the model met second.
CREATE TABLE rating_pair_tallies (
  playground_id    uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  question_id      uuid        NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  second_model_key varchar(50) NOT NULL,
  difference       smallint    NOT NULL,
  pairs            bigint      NOT NULL,
  PRIMARY KEY (question_id, second_model_key, difference)
);

CREATE INDEX idx_rating_pair_tallies_playground_id ON rating_pair_tallies (playground_id);

-- Who answered in a playground (the seed's count(DISTINCT user_id) counts them), and how many:
-- the answers trigger counts the testers it adds (ON CONFLICT DO NOTHING RETURNING gives exactly
-- those, also under concurrency), per model of the answering session. Only a tester's first
-- answers in a playground write the count, and its row belongs to one model, locked before that
-- model's counter like the other tallies. Counting playground_testers instead took 150 ms at
-- 500,000 testers (docs/benchmarks.md).
CREATE TABLE playground_testers (
  playground_id uuid NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (playground_id, user_id)
);

CREATE TABLE tester_tallies (
  playground_id uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  -- The model of the session in which the tester first answered (only the sum is read).
  model_key     varchar(50) NOT NULL,
  testers       bigint      NOT NULL,
  PRIMARY KEY (playground_id, model_key)
);

-- The rest of playground_metrics reads sessions through these: the few that are not submitted
-- (index-only: the included columns are all that the count and row-level security read; these
-- stay counted, not tallied, because a reservation becomes abandoned by time passing), and the
-- latest start.
CREATE INDEX idx_evaluation_sessions_unsubmitted ON evaluation_sessions (playground_id, model_key)
  INCLUDE (status, expires_at, user_id)
  WHERE status <> 'submitted';
CREATE INDEX idx_evaluation_sessions_playground_id_started_at
  ON evaluation_sessions (playground_id, started_at);

-- The owning admin reads the tallies of their playgrounds; only the trigger functions below
-- (SECURITY DEFINER, running as the owner) write them.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['answer_tallies', 'session_tallies', 'rating_pair_tallies', 'playground_testers',
                         'tester_tallies'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT
      USING ((SELECT app_is_admin())
             AND playground_id IN (SELECT id FROM playgrounds
                                   WHERE created_by = (SELECT app_current_user_id())))$p$,
      t || '_select', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR ALL
      USING (current_user <> '${app_role}') WITH CHECK (current_user <> '${app_role}')$p$,
      t || '_definer', t);
    EXECUTE format('GRANT SELECT ON %I TO ${app_role}', t);
  END LOOP;
END $$;

-- The pair of a rating is another session's answer: the triggers read it as the owner.
CREATE POLICY evaluations_definer_select ON evaluations FOR SELECT
  USING (current_user <> '${app_role}');

CREATE FUNCTION insights_tally_answers() RETURNS trigger
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

CREATE TRIGGER evaluations_tally AFTER INSERT ON evaluations
  REFERENCING NEW TABLE AS new_answers
  FOR EACH STATEMENT EXECUTE FUNCTION insights_tally_answers();

-- Sessions become submitted by an update (the app) or are inserted so (bulk loads); never back.
-- Each trigger has its own function: a statement may name only the transition tables it has.
CREATE FUNCTION insights_tally_submitted_sessions() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  INSERT INTO session_tallies AS t (playground_id, model_key, configuration_version, position, day,
                                    submitted, last_submitted_at)
  SELECT n.playground_id, n.model_key, n.configuration_version, n.position, n.submitted_at::date,
         count(*), max(n.submitted_at)
  FROM new_sessions n
  LEFT JOIN old_sessions o ON o.id = n.id
  WHERE n.status = 'submitted' AND o.status IS DISTINCT FROM 'submitted'
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (playground_id, model_key, configuration_version, position, day) DO UPDATE
    SET submitted = t.submitted + excluded.submitted,
        last_submitted_at = greatest(t.last_submitted_at, excluded.last_submitted_at);
  RETURN NULL;
END $$;

CREATE FUNCTION insights_tally_inserted_sessions() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  INSERT INTO session_tallies AS t (playground_id, model_key, configuration_version, position, day,
                                    submitted, last_submitted_at)
  SELECT n.playground_id, n.model_key, n.configuration_version, n.position, n.submitted_at::date,
         count(*), max(n.submitted_at)
  FROM new_sessions n
  WHERE n.status = 'submitted'
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (playground_id, model_key, configuration_version, position, day) DO UPDATE
    SET submitted = t.submitted + excluded.submitted,
        last_submitted_at = greatest(t.last_submitted_at, excluded.last_submitted_at);
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_sessions_tally_insert AFTER INSERT ON evaluation_sessions
  REFERENCING NEW TABLE AS new_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION insights_tally_inserted_sessions();

CREATE TRIGGER evaluation_sessions_tally_update AFTER UPDATE ON evaluation_sessions
  REFERENCING OLD TABLE AS old_sessions NEW TABLE AS new_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION insights_tally_submitted_sessions();

-- What is already there.
INSERT INTO session_tallies (playground_id, model_key, configuration_version, position, day,
                             submitted, last_submitted_at)
SELECT playground_id, model_key, configuration_version, position, submitted_at::date,
       count(*), max(submitted_at)
FROM evaluation_sessions WHERE status = 'submitted'
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO answer_tallies (playground_id, question_id, model_key, configuration_version,
                            position, day, answer_value, rating, answers, last_answer_at)
SELECT e.playground_id, e.question_id, e.model_key, s.configuration_version, s.position,
       e.created_at::date, e.answer_value, e.rating, count(*), max(e.created_at)
FROM evaluations e JOIN evaluation_sessions s ON s.id = e.session_id
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO rating_pair_tallies (playground_id, question_id, second_model_key, difference, pairs)
SELECT n.playground_id, n.question_id, n.model_key,
       CASE WHEN n.model_key = 'model_b' THEN n.rating - f.rating ELSE f.rating - n.rating END,
       count(*)
FROM evaluations n
JOIN evaluation_sessions second ON second.id = n.session_id AND second.position = 2
JOIN evaluation_sessions first ON first.playground_id = second.playground_id
                              AND first.user_id = second.user_id
                              AND first.round_number = second.round_number
                              AND first.position = 1
                              AND first.status = 'submitted'
JOIN evaluations f ON f.session_id = first.id AND f.question_id = n.question_id
WHERE n.rating IS NOT NULL AND f.rating IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO playground_testers (playground_id, user_id)
SELECT DISTINCT playground_id, user_id FROM evaluations;

-- What is already there: every tester of playground_testers, once.
INSERT INTO tester_tallies (playground_id, model_key, testers)
SELECT t.playground_id, m.model_key, count(*)
FROM playground_testers t
JOIN (SELECT playground_id, user_id, min(model_key) AS model_key
      FROM evaluations GROUP BY 1, 2) m
  ON m.playground_id = t.playground_id AND m.user_id = t.user_id
GROUP BY 1, 2;

-- The seed's views, computed from the tallies: the same rows for one playground, for the admin who
-- owns it (the tallies hold every tester's answers: nobody else gets a row).
CREATE FUNCTION insights_playground_metrics(p_playground uuid)
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

CREATE FUNCTION insights_question_metrics(p_playground uuid)
  RETURNS SETOF question_metrics
  LANGUAGE sql STABLE
  AS $$
    SELECT q.id, q.question_text, q.playground_id,
           coalesce(t.model_key, q.model_key),
           q.model_key,
           t.answer_value,
           (SELECT o ->> 'label' FROM jsonb_array_elements(q.options) o
            WHERE o ->> 'value' = t.answer_value LIMIT 1),
           coalesce(t.answers, 0),
           round(100.0 * coalesce(t.answers, 0)
                 / nullif(sum(coalesce(t.answers, 0)) OVER (PARTITION BY q.id, coalesce(t.model_key, q.model_key)), 0),
                 2)
    FROM questions q
    LEFT JOIN (
      SELECT question_id, model_key, answer_value, sum(answers)::bigint AS answers
      FROM answer_tallies
      WHERE playground_id = p_playground
      GROUP BY question_id, model_key, answer_value
    ) t ON t.question_id = q.id
    WHERE q.playground_id = p_playground AND q.question_type = 'select'
      AND EXISTS (SELECT 1 FROM playgrounds p
                  WHERE p.id = p_playground AND p.created_by = (SELECT app_current_user_id())
                    AND (SELECT app_is_admin()))
  $$;

GRANT EXECUTE ON FUNCTION insights_playground_metrics(uuid), insights_question_metrics(uuid)
  TO ${app_role};
