-- The sessions left out of the statistics (V25) and their share of the tallies (V16, V33), kept by
-- triggers in the transaction that changes them, so that Insights subtracts a few tally rows
-- instead of reading every left-out session's rows on each view (3 s at a million sessions with 2%
-- left out, docs/benchmarks.md). "See them included" is the tallies as they are.
--
-- A submitted session is left out when an admin excluded it, or when it has a flag and no admin
-- included it. Its share: its submitted session, its answers, the rating pairs of its round (once,
-- however many of the pair's sessions are left out), its round's head-to-head vote, and its tester
-- when none of the tester's answered sessions counts.
--
-- Each change is a difference: a session entering or leaving adds or subtracts its share as its
-- rows are then; answers or a vote arriving for a session or round already left out add theirs.
-- What one session's share is depends on the tester's other sessions (pairs, votes, testers), so
-- one transaction at a time changes the left-out state of a tester in a playground:
-- left_out_lock's advisory locks, taken before anything is read, in playground then tester order.

-- The left-out sessions, each under its reason: 'by_hand' (excluded) or its first flag (Flag order).
CREATE TABLE left_out_sessions (
  session_id    uuid        PRIMARY KEY REFERENCES evaluation_sessions (id) ON DELETE CASCADE,
  playground_id uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  reason        varchar(30) NOT NULL,
  CONSTRAINT left_out_sessions_reason_check
    CHECK (reason IN ('by_hand', 'no_call', 'call_failed', 'too_short', 'too_fast', 'blinding_broken',
                      'problem_reported', 'admin_evaluated'))
);

CREATE INDEX idx_left_out_sessions_playground_id ON left_out_sessions (playground_id, reason);

-- Their share, keyed as the tallies they are subtracted from (a share may fall to 0 and stay).
CREATE TABLE left_out_answer_tallies (
  playground_id         uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  question_id           uuid         NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  model_key             varchar(50)  NOT NULL,
  configuration_version int          NOT NULL,
  position              smallint     NOT NULL,
  day                   date         NOT NULL,
  answer_value          varchar(255),
  rating                int,
  answers               bigint       NOT NULL,
  CONSTRAINT left_out_answer_tallies_key UNIQUE NULLS NOT DISTINCT
    (question_id, model_key, configuration_version, position, day, answer_value, rating)
);

CREATE INDEX idx_left_out_answer_tallies_playground_id ON left_out_answer_tallies (playground_id);

CREATE TABLE left_out_session_tallies (
  playground_id         uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  model_key             varchar(50) NOT NULL,
  configuration_version int         NOT NULL,
  position              smallint    NOT NULL,
  day                   date        NOT NULL,
  submitted             bigint      NOT NULL,
  PRIMARY KEY (playground_id, model_key, configuration_version, position, day)
);

CREATE TABLE left_out_pair_tallies (
  playground_id    uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  question_id      uuid        NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  second_model_key varchar(50) NOT NULL,
  difference       smallint    NOT NULL,
  pairs            bigint      NOT NULL,
  PRIMARY KEY (question_id, second_model_key, difference)
);

CREATE INDEX idx_left_out_pair_tallies_playground_id ON left_out_pair_tallies (playground_id);

-- Testers who answered, none of whose answered sessions counts (a state, not a sum: counted).
CREATE TABLE left_out_testers (
  playground_id uuid NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (playground_id, user_id)
);

CREATE TABLE left_out_preference_tallies (
  playground_id       uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  verdict             varchar(10) NOT NULL,
  first_model_key     varchar(50) NOT NULL,
  preferred_model_key varchar(50),
  votes               bigint      NOT NULL,
  PRIMARY KEY (playground_id, verdict, first_model_key)
);

-- As the other tallies: the owning admin reads them; only the functions below (SECURITY DEFINER,
-- running as the owner, the role running this migration) write them, and read the decisions and
-- votes they count from.
DO $$
DECLARE
  owner_only text := format('current_user = %L', current_user);
  own_playground text := '(SELECT app_is_admin()) AND playground_id IN (SELECT id FROM playgrounds'
                         ' WHERE created_by = (SELECT app_current_user_id()))';
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['left_out_sessions', 'left_out_answer_tallies', 'left_out_session_tallies',
                           'left_out_pair_tallies', 'left_out_testers',
                           'left_out_preference_tallies'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (%s)', t || '_select', t, own_playground);
    EXECUTE format('CREATE POLICY %1$I ON %2$I FOR ALL USING (%3$s) WITH CHECK (%3$s)',
                   t || '_definer', t, owner_only);
    EXECUTE format('GRANT SELECT ON %I TO ${app_role}', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['session_exclusions', 'preferences'] LOOP
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (%s)', t || '_left_out_definer_select', t,
                   owner_only);
  END LOOP;
END $$;

-- One transaction at a time per tester and playground (see the top): a shared lock on the
-- playground and an exclusive one per tester, or, when a change touches more testers than the
-- lock table should hold (a rules change), the playground's exclusive lock.
CREATE FUNCTION left_out_lock(p_sessions uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT playground_id, array_agg(DISTINCT user_id ORDER BY user_id) AS testers
           FROM evaluation_sessions WHERE id = ANY (p_sessions)
           GROUP BY 1 ORDER BY 1 LOOP
    IF cardinality(r.testers) > 32 THEN
      PERFORM pg_advisory_xact_lock(hashtext(r.playground_id::text), 0);
    ELSE
      PERFORM pg_advisory_xact_lock_shared(hashtext(r.playground_id::text), 0);
      PERFORM pg_advisory_xact_lock(hashtext(r.playground_id::text), hashtext(tester::text))
      FROM unnest(r.testers) tester;
    END IF;
  END LOOP;
END $$;

-- Adds (p_sign 1) or subtracts (-1) the share of sessions that have just entered (or left)
-- left_out_sessions, as their rows are now. A pair or a vote another left-out session already
-- leaves out (or still does) is not theirs to add (or subtract).
CREATE FUNCTION left_out_count(p_sessions uuid[], p_sign int) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  INSERT INTO left_out_session_tallies AS t (playground_id, model_key, configuration_version,
                                             position, day, submitted)
  SELECT playground_id, model_key, configuration_version, position, submitted_at::date,
         p_sign * count(*)
  FROM evaluation_sessions
  WHERE id = ANY (p_sessions) AND status = 'submitted'
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (playground_id, model_key, configuration_version, position, day) DO UPDATE
    SET submitted = t.submitted + excluded.submitted;

  INSERT INTO left_out_answer_tallies AS t (playground_id, question_id, model_key,
                                            configuration_version, position, day, answer_value,
                                            rating, answers)
  SELECT e.playground_id, e.question_id, e.model_key, s.configuration_version, s.position,
         e.created_at::date, e.answer_value, e.rating, p_sign * count(*)
  FROM evaluations e JOIN evaluation_sessions s ON s.id = e.session_id
  WHERE e.session_id = ANY (p_sessions)
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ON CONSTRAINT left_out_answer_tallies_key DO UPDATE
    SET answers = t.answers + excluded.answers;

  -- The pairs of these sessions' rounds as V16 pairs them (at the second session's answers).
  INSERT INTO left_out_pair_tallies AS t (playground_id, question_id, second_model_key, difference,
                                          pairs)
  SELECT n.playground_id, n.question_id, n.model_key,
         CASE WHEN n.model_key = 'model_b' THEN n.rating - f.rating ELSE f.rating - n.rating END,
         p_sign * count(*)
  FROM (SELECT DISTINCT second.id
        FROM evaluation_sessions s
        JOIN evaluation_sessions second ON second.playground_id = s.playground_id
                                       AND second.user_id = s.user_id
                                       AND second.round_number = s.round_number
                                       AND second.position = 2
        WHERE s.id = ANY (p_sessions)) r
  JOIN evaluation_sessions second ON second.id = r.id
  JOIN evaluations n ON n.session_id = second.id
  JOIN evaluation_sessions first ON first.playground_id = second.playground_id
                                AND first.user_id = second.user_id
                                AND first.round_number = second.round_number
                                AND first.position = 1
                                AND first.status = 'submitted'
  JOIN evaluations f ON f.session_id = first.id AND f.question_id = n.question_id
  WHERE n.rating IS NOT NULL AND f.rating IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM left_out_sessions l
                    WHERE l.session_id IN (first.id, second.id)
                      AND l.session_id NOT IN (SELECT unnest(p_sessions)))
  GROUP BY 1, 2, 3, 4
  ORDER BY 2, 3, 4
  ON CONFLICT (question_id, second_model_key, difference) DO UPDATE
    SET pairs = t.pairs + excluded.pairs;

  INSERT INTO left_out_preference_tallies AS t (playground_id, verdict, first_model_key,
                                                preferred_model_key, votes)
  SELECT p.playground_id, p.verdict, p.first_model_key, p.preferred_model_key, p_sign * count(*)
  FROM (SELECT DISTINCT playground_id, user_id, round_number FROM evaluation_sessions
        WHERE id = ANY (p_sessions)) r
  JOIN preferences p ON p.playground_id = r.playground_id AND p.user_id = r.user_id
                    AND p.round_number = r.round_number
  WHERE NOT EXISTS (SELECT 1 FROM evaluation_sessions o JOIN left_out_sessions l ON l.session_id = o.id
                    WHERE o.playground_id = r.playground_id AND o.user_id = r.user_id
                      AND o.round_number = r.round_number
                      AND o.id NOT IN (SELECT unnest(p_sessions)))
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3
  ON CONFLICT (playground_id, verdict, first_model_key) DO UPDATE
    SET votes = t.votes + excluded.votes;
END $$;

-- Whether each tester of these sessions is left out entirely, computed afresh.
CREATE FUNCTION left_out_testers_refresh(p_sessions uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  DELETE FROM left_out_testers t
  USING (SELECT DISTINCT playground_id, user_id FROM evaluation_sessions
         WHERE id = ANY (p_sessions)) s
  WHERE t.playground_id = s.playground_id AND t.user_id = s.user_id;
  INSERT INTO left_out_testers (playground_id, user_id)
  SELECT s.playground_id, s.user_id
  FROM (SELECT DISTINCT playground_id, user_id FROM evaluation_sessions
        WHERE id = ANY (p_sessions)) s
  WHERE EXISTS (SELECT 1 FROM evaluations e
                WHERE e.playground_id = s.playground_id AND e.user_id = s.user_id)
    AND NOT EXISTS (SELECT 1 FROM evaluation_sessions o
                    WHERE o.playground_id = s.playground_id AND o.user_id = s.user_id
                      AND NOT EXISTS (SELECT 1 FROM left_out_sessions l WHERE l.session_id = o.id)
                      AND EXISTS (SELECT 1 FROM evaluations e WHERE e.session_id = o.id))
  ORDER BY 1, 2;
END $$;

-- Brings these sessions' left-out state and share up to date with their flags and decisions
-- (the caller holds left_out_lock): those leaving first, then those entering, so that a pair or
-- vote passed from one left-out session to another is subtracted and added back, never twice.
CREATE FUNCTION left_out_apply(p_sessions uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  ids uuid[];
  reasons text[];
  leaving uuid[];
  entering uuid[];
BEGIN
  SELECT coalesce(array_agg(w.id ORDER BY w.id), '{}'), coalesce(array_agg(w.reason ORDER BY w.id), '{}')
  INTO ids, reasons
  FROM (
    SELECT s.id,
           CASE WHEN x.decision = 'excluded' THEN 'by_hand'
                ELSE (SELECT f.flag FROM session_flags f WHERE f.session_id = s.id
                      ORDER BY array_position(ARRAY['no_call', 'call_failed', 'too_short', 'too_fast',
                                                    'blinding_broken', 'problem_reported',
                                                    'admin_evaluated']::varchar[], f.flag)
                      LIMIT 1) END AS reason
    FROM evaluation_sessions s
    LEFT JOIN session_exclusions x ON x.session_id = s.id
    WHERE s.id = ANY (p_sessions) AND s.status = 'submitted'
      AND x.decision IS DISTINCT FROM 'included'
  ) w
  WHERE w.reason IS NOT NULL;

  WITH gone AS (
    DELETE FROM left_out_sessions
    WHERE session_id = ANY (p_sessions) AND session_id NOT IN (SELECT unnest(ids))
    RETURNING session_id
  )
  SELECT ARRAY(SELECT session_id FROM gone ORDER BY 1) INTO leaving;
  IF cardinality(leaving) > 0 THEN
    PERFORM left_out_count(leaving, -1);
  END IF;

  UPDATE left_out_sessions l SET reason = w.reason
  FROM unnest(ids, reasons) w (id, reason)
  WHERE l.session_id = w.id AND l.reason <> w.reason;

  WITH added AS (
    INSERT INTO left_out_sessions (session_id, playground_id, reason)
    SELECT w.id, s.playground_id, w.reason
    FROM unnest(ids, reasons) w (id, reason) JOIN evaluation_sessions s ON s.id = w.id
    ORDER BY w.id
    ON CONFLICT (session_id) DO NOTHING
    RETURNING session_id
  )
  SELECT ARRAY(SELECT session_id FROM added ORDER BY 1) INTO entering;
  IF cardinality(entering) > 0 THEN
    PERFORM left_out_count(entering, 1);
  END IF;

  IF cardinality(leaving) + cardinality(entering) > 0 THEN
    PERFORM left_out_testers_refresh(leaving || entering);
  END IF;
END $$;

CREATE FUNCTION left_out_refresh(p_sessions uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF cardinality(p_sessions) > 0 THEN
    PERFORM left_out_lock(p_sessions);
    PERFORM left_out_apply(p_sessions);
  END IF;
END $$;

-- V25's flags, now followed by the left-out state they decide (unchanged otherwise).
CREATE OR REPLACE FUNCTION session_flags_refresh(p_sessions uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  DELETE FROM session_flags WHERE session_id = ANY (p_sessions);
  INSERT INTO session_flags (session_id, playground_id, flag)
  SELECT s.id, s.playground_id, f.flag
  FROM evaluation_sessions s
  JOIN playgrounds p ON p.id = s.playground_id
  JOIN users u ON u.id = s.user_id
  LEFT JOIN conversations c ON c.session_id = s.id
  LEFT JOIN playground_review_settings r ON r.playground_id = s.playground_id
  CROSS JOIN LATERAL (
    SELECT c.session_id IS NOT NULL OR s.call_started_at IS NOT NULL OR s.conversation_id IS NOT NULL
             AS called,
           -- ElevenLabs' length of the call when known, else the page's.
           coalesce(c.duration_secs::numeric,
                    extract(epoch FROM s.call_ended_at - s.call_started_at)) AS duration,
           coalesce(c.started_at + make_interval(secs => c.duration_secs), s.call_ended_at) AS ended,
           coalesce(r.min_call_seconds, 20) AS min_call,
           coalesce(r.min_answer_seconds, 10) AS min_answer,
           coalesce(r.revealing_names,
                    ARRAY(SELECT m.model_name FROM model_configurations m
                          WHERE m.playground_id = s.playground_id AND btrim(m.model_name) <> ''))
             AS names
  ) d
  CROSS JOIN LATERAL (VALUES
    ('no_call', NOT d.called),
    ('call_failed', c.status = 'failed' OR s.widget_failed_at IS NOT NULL),
    ('too_short', d.called AND d.duration < d.min_call),
    ('too_fast', s.submitted_at < coalesce(d.ended, s.started_at) + make_interval(secs => d.min_answer)),
    -- An agent turn naming one of the names as a whole word, whatever its case; every character
    -- but letters, digits and spaces is escaped, so a name is never read as a pattern.
    ('blinding_broken',
     EXISTS (SELECT 1
             FROM jsonb_array_elements(CASE jsonb_typeof(c.transcript) WHEN 'array' THEN c.transcript
                                       ELSE '[]' END) turn,
                  unnest(d.names) name
             WHERE turn ->> 'role' = 'agent' AND btrim(name) <> ''
               AND turn ->> 'message' ~* ('(^|\W)'
                                          || regexp_replace(btrim(name), '([^[:alnum:][:space:]])',
                                                            '\\\1', 'g')
                                          || '($|\W)'))),
    ('problem_reported', s.problem_reported_at IS NOT NULL),
    ('admin_evaluated', u.role = 'admin' OR s.user_id = p.created_by)
  ) f (flag, raised)
  WHERE s.id = ANY (p_sessions) AND s.status = 'submitted' AND f.raised;
  PERFORM left_out_refresh(p_sessions);
END $$;

-- An admin's decision made, changed or gone.
CREATE FUNCTION left_out_on_decision() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM left_out_refresh(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.session_id
                                      ELSE NEW.session_id END]);
  RETURN NULL;
END $$;

CREATE TRIGGER session_exclusions_left_out AFTER INSERT OR UPDATE OR DELETE ON session_exclusions
  FOR EACH ROW EXECUTE FUNCTION left_out_on_decision();

-- Answers arriving: those of a left-out session, and the pairs they make with a left-out session,
-- are its share; a tester answering in a session that counts is no longer left out, one answering
-- in a left-out session may now be. Runs after V16's evaluations_tally (trigger name order).
CREATE FUNCTION left_out_on_answers() RETURNS trigger
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
  PERFORM left_out_testers_refresh(ARRAY(
    SELECT DISTINCT n.session_id FROM new_answers n
    JOIN left_out_sessions l ON l.session_id = n.session_id ORDER BY 1));
  RETURN NULL;
END $$;

CREATE TRIGGER evaluations_tally_left_out AFTER INSERT ON evaluations
  REFERENCING NEW TABLE AS new_answers
  FOR EACH STATEMENT EXECUTE FUNCTION left_out_on_answers();

-- A vote arriving for a round one of whose sessions is left out.
CREATE FUNCTION left_out_on_preferences() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM left_out_lock(ARRAY(
    SELECT s.id FROM new_preferences n
    JOIN evaluation_sessions s ON s.playground_id = n.playground_id AND s.user_id = n.user_id
                              AND s.round_number = n.round_number
    ORDER BY 1));

  INSERT INTO left_out_preference_tallies AS t (playground_id, verdict, first_model_key,
                                                preferred_model_key, votes)
  SELECT n.playground_id, n.verdict, n.first_model_key, n.preferred_model_key, count(*)
  FROM new_preferences n
  WHERE EXISTS (SELECT 1 FROM evaluation_sessions s JOIN left_out_sessions l ON l.session_id = s.id
                WHERE s.playground_id = n.playground_id AND s.user_id = n.user_id
                  AND s.round_number = n.round_number)
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3
  ON CONFLICT (playground_id, verdict, first_model_key) DO UPDATE
    SET votes = t.votes + excluded.votes;
  RETURN NULL;
END $$;

CREATE TRIGGER preferences_tally_left_out AFTER INSERT ON preferences
  REFERENCING NEW TABLE AS new_preferences
  FOR EACH STATEMENT EXECUTE FUNCTION left_out_on_preferences();

DO $$
DECLARE
  f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['left_out_lock(uuid[])', 'left_out_count(uuid[], int)',
                           'left_out_testers_refresh(uuid[])', 'left_out_apply(uuid[])',
                           'left_out_refresh(uuid[])', 'left_out_on_decision()',
                           'left_out_on_answers()', 'left_out_on_preferences()'] LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;

-- What is already there (this migration runs alone: no locks needed).
SELECT left_out_apply(ARRAY(SELECT session_id FROM session_flags
                            UNION SELECT session_id FROM session_exclusions));
