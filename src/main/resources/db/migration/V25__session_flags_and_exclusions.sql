-- Sessions that should not count: what each playground's owner decides counts as a review setting,
-- the flags the database raises when a session's data arrives (its submit, its reported problem,
-- its conversation from ElevenLabs), and the admins' exclusions and re-inclusions.
--
-- Statistics read the tallies (V16) minus the contributions of the sessions left out, read from
-- those sessions' own rows (the insights module): the tallies stay what the triggers made them,
-- an exclusion or re-inclusion is one row (no re-tally, nothing to drift), and "see them included"
-- is the tallies as they are.

-- Review settings of a playground; without a row, the defaults below (and the models' names).
CREATE TABLE playground_review_settings (
  playground_id      uuid      PRIMARY KEY REFERENCES playgrounds (id) ON DELETE CASCADE,
  -- A call shorter than this is flagged too_short.
  min_call_seconds   int       NOT NULL DEFAULT 20,
  -- Answers submitted sooner than this after the call ended (or, without a call, after the session
  -- started) are flagged too_fast: nobody answers the questions thoughtfully in less.
  min_answer_seconds int       NOT NULL DEFAULT 10,
  -- Words that, said by the agent, tell the tester which agent it is (NULL: the models' names).
  revealing_names    text[],
  updated_by         uuid      REFERENCES users (id) ON DELETE SET NULL,
  updated_at         timestamp NOT NULL DEFAULT now(),
  CONSTRAINT playground_review_settings_min_call_check CHECK (min_call_seconds BETWEEN 0 AND 3600),
  CONSTRAINT playground_review_settings_min_answer_check CHECK (min_answer_seconds BETWEEN 0 AND 3600),
  CONSTRAINT playground_review_settings_names_check CHECK (cardinality(revealing_names) <= 50)
);

-- A choice question read as an ElevenLabs evaluation criterion: each option the tester may pick
-- stands for success or failure of that criterion (an option not named stands for neither), so
-- people and ElevenLabs' automatic judgement can be compared (Cohen's kappa).
CREATE TABLE criterion_mappings (
  question_id    uuid         PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
  playground_id  uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  criterion_id   varchar(255) NOT NULL,
  -- {"<option value>": "success" | "failure"}
  option_results jsonb        NOT NULL,
  updated_by     uuid         REFERENCES users (id) ON DELETE SET NULL,
  updated_at     timestamp    NOT NULL DEFAULT now(),
  CONSTRAINT criterion_mappings_question_fkey FOREIGN KEY (question_id, playground_id)
    REFERENCES questions (id, playground_id) ON DELETE CASCADE
);

CREATE INDEX idx_criterion_mappings_playground_id ON criterion_mappings (playground_id);

CREATE TRIGGER playground_review_settings_set_updated_at BEFORE UPDATE ON playground_review_settings
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER criterion_mappings_set_updated_at BEFORE UPDATE ON criterion_mappings
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Why a submitted session may not count, as the data says (only the trigger functions write it).
CREATE TABLE session_flags (
  session_id    uuid        NOT NULL REFERENCES evaluation_sessions (id) ON DELETE CASCADE,
  playground_id uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  flag          varchar(30) NOT NULL,
  PRIMARY KEY (session_id, flag),
  CONSTRAINT session_flags_flag_check
    CHECK (flag IN ('no_call', 'call_failed', 'too_short', 'too_fast', 'blinding_broken',
                    'problem_reported', 'admin_evaluated'))
);

CREATE INDEX idx_session_flags_playground_id ON session_flags (playground_id);

-- An admin's decision on a session: excluded (any session) or included (a flagged one counts
-- after all), with the reason; the latest decision stands, each one audited.
CREATE TABLE session_exclusions (
  session_id    uuid         PRIMARY KEY REFERENCES evaluation_sessions (id) ON DELETE CASCADE,
  playground_id uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  decision      varchar(10)  NOT NULL,
  reason        varchar(500) NOT NULL,
  decided_by    uuid         REFERENCES users (id) ON DELETE SET NULL,
  decided_at    timestamp    NOT NULL DEFAULT now(),
  CONSTRAINT session_exclusions_decision_check CHECK (decision IN ('excluded', 'included')),
  CONSTRAINT session_exclusions_reason_check CHECK (char_length(btrim(reason)) > 0)
);

CREATE INDEX idx_session_exclusions_playground_id ON session_exclusions (playground_id);

-- The owning admin reads and writes settings, mappings and decisions of their playgrounds, and
-- reads the flags; the trigger functions (SECURITY DEFINER, running as the owner of these tables,
-- the role running this migration) read what they compute from and write the flags.
DO $$
DECLARE
  owner_only text := format('current_user = %L', current_user);
  own_playground text := '(SELECT app_is_admin()) AND playground_id IN (SELECT id FROM playgrounds'
                         ' WHERE created_by = (SELECT app_current_user_id()))';
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['playground_review_settings', 'criterion_mappings', 'session_flags',
                           'session_exclusions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['playground_review_settings', 'criterion_mappings', 'session_exclusions'] LOOP
    EXECUTE format('CREATE POLICY %I ON %I FOR ALL USING (%s) WITH CHECK (%s)',
                   t || '_owner', t, own_playground, own_playground);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO ${app_role}', t);
  END LOOP;
  EXECUTE format('CREATE POLICY session_flags_select ON session_flags FOR SELECT USING (%s)',
                 own_playground);
  EXECUTE format('CREATE POLICY session_flags_definer ON session_flags FOR ALL USING (%1$s)'
                 ' WITH CHECK (%1$s)', owner_only);
  GRANT SELECT ON session_flags TO ${app_role};
  -- What the flags are computed from, read as the owner whoever's transaction brought the data.
  FOREACH t IN ARRAY ARRAY['playground_review_settings', 'conversations', 'users', 'playgrounds',
                           'model_configurations'] LOOP
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (%s)', t || '_flags_definer_select', t,
                   owner_only);
  END LOOP;
END $$;

-- The flags of the given sessions, computed afresh from their rows: those not submitted have none.
CREATE FUNCTION session_flags_refresh(p_sessions uuid[]) RETURNS void
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
END $$;

-- When the data arrives: a session submitted or changed (its problem, its widget, its call), ...
CREATE FUNCTION session_flags_on_session_update() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM session_flags_refresh(ARRAY(
    SELECT n.id FROM new_sessions n JOIN old_sessions o ON o.id = n.id
    WHERE n.status = 'submitted'
      AND (o.status IS DISTINCT FROM n.status
           OR (o.problem_reported_at, o.widget_failed_at, o.call_started_at, o.call_ended_at,
               o.conversation_id, o.submitted_at)
              IS DISTINCT FROM (n.problem_reported_at, n.widget_failed_at, n.call_started_at,
                                n.call_ended_at, n.conversation_id, n.submitted_at))
    ORDER BY n.id));
  RETURN NULL;
END $$;

CREATE FUNCTION session_flags_on_session_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM session_flags_refresh(ARRAY(
    SELECT id FROM new_sessions WHERE status = 'submitted' ORDER BY id));
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_sessions_flags_update AFTER UPDATE ON evaluation_sessions
  REFERENCING OLD TABLE AS old_sessions NEW TABLE AS new_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION session_flags_on_session_update();

CREATE TRIGGER evaluation_sessions_flags_insert AFTER INSERT ON evaluation_sessions
  REFERENCING NEW TABLE AS new_sessions
  FOR EACH STATEMENT EXECUTE FUNCTION session_flags_on_session_insert();

-- ... its conversation stored or updated by the fetch job or the webhook, ...
CREATE FUNCTION session_flags_on_conversation() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM session_flags_refresh(ARRAY[NEW.session_id]);
  RETURN NULL;
END $$;

CREATE TRIGGER conversations_flags AFTER INSERT OR UPDATE ON conversations
  FOR EACH ROW EXECUTE FUNCTION session_flags_on_conversation();

-- ... or the rules changed: the playground's settings, or the names they default to.
CREATE FUNCTION session_flags_on_rules() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  PERFORM session_flags_refresh(ARRAY(
    SELECT id FROM evaluation_sessions
    WHERE playground_id = NEW.playground_id AND status = 'submitted' ORDER BY id));
  RETURN NULL;
END $$;

CREATE TRIGGER playground_review_settings_flags AFTER INSERT OR UPDATE ON playground_review_settings
  FOR EACH ROW EXECUTE FUNCTION session_flags_on_rules();

CREATE TRIGGER model_configurations_flags AFTER UPDATE OF model_name ON model_configurations
  FOR EACH ROW WHEN (OLD.model_name IS DISTINCT FROM NEW.model_name)
  EXECUTE FUNCTION session_flags_on_rules();

-- What is already there.
SELECT session_flags_refresh(ARRAY(SELECT id FROM evaluation_sessions WHERE status = 'submitted'));
