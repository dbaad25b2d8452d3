-- The conversation module's job and webhook (issue 14). The job runs with no signed-in user and
-- reaches across playgrounds; it does so only through the SECURITY DEFINER functions below, which run
-- as their owner (the migrating role). Their policies name that owner (as V22 does), so the runtime
-- role keeps row-level security forced on every table.

-- What the job needs of a row besides V24's columns: the agent the session's model called when the
-- row was enqueued (a conversation of any other agent is refused), and the lease of the instance
-- that claimed it (claimed_until: until then no other instance takes it; an instance that stops
-- mid-fetch lets its lease run out, and the row is worked again).
ALTER TABLE conversation_fetches
  ADD COLUMN agent_id      varchar(255),
  ADD COLUMN claimed_until timestamp;

-- The agent id of an embed code, as the playground module reads one: a bare id, or the widget's
-- agent-id attribute. NULL for a signed URL (no agent id to check a conversation against) or
-- nothing usable.
CREATE FUNCTION app_embed_agent_id(p_embed text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
             WHEN btrim(p_embed) ~ '^[A-Za-z0-9_-]{4,128}$' THEN btrim(p_embed)
             ELSE substring(p_embed FROM 'agent-id\s*=\s*["'']?([A-Za-z0-9_-]{4,128})')
           END
  $$;

-- Owner-only policies for the definer functions below.
DO $$
DECLARE
  owner_only text := format('current_user = %L', current_user);
BEGIN
  EXECUTE format('CREATE POLICY playgrounds_conversation_definer ON playgrounds FOR SELECT USING (%s)',
                 owner_only);
  EXECUTE format('CREATE POLICY model_configurations_conversation_definer ON model_configurations'
                 ' FOR SELECT USING (%s)', owner_only);
  EXECUTE format('CREATE POLICY playground_api_keys_conversation_definer ON playground_api_keys'
                 ' FOR SELECT USING (%s)', owner_only);
  EXECUTE format('CREATE POLICY conversation_fetches_definer ON conversation_fetches FOR ALL'
                 ' USING (%1$s) WITH CHECK (%1$s)', owner_only);
  EXECUTE format('CREATE POLICY conversations_definer ON conversations FOR ALL'
                 ' USING (%1$s) WITH CHECK (%1$s)', owner_only);
END $$;

-- Enqueues a session's fetch in the transaction that ends its call or the session itself
-- (submitted, given back, expired), so that no ended call is ever forgotten. Only a model whose
-- embed code names an agent id: without one no conversation can be checked as the session's.
CREATE FUNCTION conversation_fetches_enqueue() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  v_agent text;
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.call_ended_at IS NOT DISTINCT FROM OLD.call_ended_at
     AND NEW.status = OLD.status THEN
    RETURN NULL;
  END IF;
  IF NEW.call_ended_at IS NULL AND NEW.status = 'assigned' THEN
    RETURN NULL;
  END IF;
  SELECT app_embed_agent_id(m.embed_code) INTO v_agent
  FROM model_configurations m
  WHERE m.playground_id = NEW.playground_id AND m.model_key = NEW.model_key;
  IF v_agent IS NOT NULL THEN
    INSERT INTO conversation_fetches (session_id, playground_id, agent_id)
    VALUES (NEW.id, NEW.playground_id, v_agent)
    ON CONFLICT (session_id) DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER evaluation_sessions_enqueue_conversation_fetch
  AFTER INSERT OR UPDATE OF call_ended_at, status ON evaluation_sessions
  FOR EACH ROW EXECUTE FUNCTION conversation_fetches_enqueue();

-- Claims up to p_limit due rows for p_lease_secs: FOR UPDATE SKIP LOCKED, so concurrent instances
-- claim disjoint rows, and the lease (committed with the claim) keeps them from one another until
-- the claimer reports or its lease runs out. Returns what the fetch needs, the playground's own
-- key still encrypted (only the app can decrypt it). Without a workspace key (p_workspace_key) only
-- rows of playgrounds with their own key are claimed: the others wait untouched, and are fetched
-- once a key is configured.
CREATE FUNCTION conversation_fetches_claim(p_limit int, p_lease_secs int, p_workspace_key boolean)
  RETURNS TABLE (session_id uuid, playground_id uuid, agent_id varchar, conversation_id varchar,
                 call_reference uuid, attempts int, encrypted_key bytea)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH due AS (
      SELECT f.session_id FROM conversation_fetches f
      WHERE f.state = 'pending' AND f.next_attempt_at <= now()
        AND (f.claimed_until IS NULL OR f.claimed_until <= now())
        AND (p_workspace_key
             OR EXISTS (SELECT 1 FROM playground_api_keys k WHERE k.playground_id = f.playground_id))
      ORDER BY f.next_attempt_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE conversation_fetches f
      SET claimed_until = now() + make_interval(secs => p_lease_secs)
      FROM due WHERE f.session_id = due.session_id
      RETURNING f.session_id, f.playground_id, f.agent_id, f.attempts
    )
    SELECT c.session_id, c.playground_id, c.agent_id, s.conversation_id, s.call_reference,
           c.attempts, k.encrypted_key
    FROM claimed c
    JOIN evaluation_sessions s ON s.id = c.session_id
    LEFT JOIN playground_api_keys k ON k.playground_id = c.playground_id
  $$;

-- What came of a claimed row: pending again after p_delay_secs (p_attempted: an attempt that
-- counts against the bound), done or failed. Releases the lease.
CREATE FUNCTION conversation_fetches_report(p_session uuid, p_state varchar, p_attempted boolean,
                                            p_delay_secs int, p_error varchar)
  RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE conversation_fetches
    SET state = p_state,
        attempts = attempts + CASE WHEN p_attempted THEN 1 ELSE 0 END,
        next_attempt_at = now() + make_interval(secs => coalesce(p_delay_secs, 0)),
        last_error = left(p_error, 500),
        claimed_until = NULL
    WHERE session_id = p_session AND state = 'pending'
  $$;

-- The session a webhook's conversation belongs to: by the id its page reported, or else by its
-- call reference (the conversation's user_id); only a session whose fetch is queued.
CREATE FUNCTION conversation_fetches_find(p_conversation_id varchar, p_user_id varchar)
  RETURNS TABLE (session_id uuid, playground_id uuid, agent_id varchar, state varchar)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT f.session_id, f.playground_id, f.agent_id, f.state
    FROM conversation_fetches f
    JOIN evaluation_sessions s ON s.id = f.session_id
    WHERE s.conversation_id = p_conversation_id
       OR (p_user_id ~ '^[0-9a-fA-F-]{36}$' AND s.call_reference = p_user_id::uuid)
    ORDER BY (s.conversation_id = p_conversation_id) DESC NULLS LAST
    LIMIT 1
  $$;

-- Stores a session's conversation (the columns of conversations, as JSON) and, once ElevenLabs
-- is done with it, marks its fetch done: one statement's worth for the job and the webhook alike.
CREATE FUNCTION conversations_store(p_row jsonb, p_done boolean) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  r conversations := jsonb_populate_record(NULL::conversations, p_row);
BEGIN
  -- ElevenLabs' unix seconds, in the database's own clock (as now() is).
  r.started_at := to_timestamp((p_row ->> 'start_time_unix_secs')::bigint)::timestamp;
  INSERT INTO conversations AS c (session_id, playground_id, conversation_id, agent_id, status,
      version_id, branch_id, started_at, duration_secs, termination_reason, main_language,
      call_successful, transcript_summary, transcript, evaluation_results, data_collection,
      has_audio, fetched_at)
  VALUES (r.session_id, r.playground_id, r.conversation_id, r.agent_id, r.status, r.version_id,
      r.branch_id, r.started_at, r.duration_secs, r.termination_reason, r.main_language,
      r.call_successful, r.transcript_summary, coalesce(r.transcript, '[]'),
      coalesce(r.evaluation_results, '{}'), coalesce(r.data_collection, '{}'),
      coalesce(r.has_audio, false), now())
  ON CONFLICT (session_id) DO UPDATE SET
      conversation_id = EXCLUDED.conversation_id, agent_id = EXCLUDED.agent_id,
      status = EXCLUDED.status, version_id = EXCLUDED.version_id, branch_id = EXCLUDED.branch_id,
      started_at = EXCLUDED.started_at, duration_secs = EXCLUDED.duration_secs,
      termination_reason = EXCLUDED.termination_reason, main_language = EXCLUDED.main_language,
      call_successful = EXCLUDED.call_successful,
      transcript_summary = EXCLUDED.transcript_summary, transcript = EXCLUDED.transcript,
      evaluation_results = EXCLUDED.evaluation_results,
      data_collection = EXCLUDED.data_collection, has_audio = EXCLUDED.has_audio,
      fetched_at = now();
  IF p_done THEN
    UPDATE conversation_fetches
    SET state = 'done', last_error = NULL, claimed_until = NULL
    WHERE session_id = r.session_id;
  END IF;
END $$;

-- Webhook signatures seen, so that a captured delivery replayed within the tolerance is refused.
-- Older than the tolerance they are refused by their timestamp anyway, and may go.
CREATE TABLE elevenlabs_webhook_signatures (
  signature   varchar(100) PRIMARY KEY,
  received_at timestamp    NOT NULL DEFAULT now()
);

ALTER TABLE elevenlabs_webhook_signatures ENABLE ROW LEVEL SECURITY;
ALTER TABLE elevenlabs_webhook_signatures FORCE ROW LEVEL SECURITY;

DO $$
BEGIN
  EXECUTE format('CREATE POLICY elevenlabs_webhook_signatures_definer ON elevenlabs_webhook_signatures'
                 ' FOR ALL USING (%1$s) WITH CHECK (%1$s)', format('current_user = %L', current_user));
END $$;

-- True the first time a signature is seen. Forgets signatures older than an hour as it goes.
CREATE FUNCTION elevenlabs_webhook_first_seen(p_signature varchar) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  DELETE FROM elevenlabs_webhook_signatures WHERE received_at < now() - interval '1 hour';
  INSERT INTO elevenlabs_webhook_signatures (signature) VALUES (p_signature)
  ON CONFLICT DO NOTHING;
  RETURN FOUND;
END $$;

REVOKE ALL ON FUNCTION conversation_fetches_claim(int, int, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION conversation_fetches_report(uuid, varchar, boolean, int, varchar) FROM PUBLIC;
REVOKE ALL ON FUNCTION conversation_fetches_find(varchar, varchar) FROM PUBLIC;
REVOKE ALL ON FUNCTION conversations_store(jsonb, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION elevenlabs_webhook_first_seen(varchar) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION conversation_fetches_claim(int, int, boolean) TO ${app_role};
GRANT EXECUTE ON FUNCTION conversation_fetches_report(uuid, varchar, boolean, int, varchar) TO ${app_role};
GRANT EXECUTE ON FUNCTION conversation_fetches_find(varchar, varchar) TO ${app_role};
GRANT EXECUTE ON FUNCTION conversations_store(jsonb, boolean) TO ${app_role};
GRANT EXECUTE ON FUNCTION elevenlabs_webhook_first_seen(varchar) TO ${app_role};
