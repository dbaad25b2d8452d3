-- What Earshot knows of a session's call, its widget and its troubles.
ALTER TABLE evaluation_sessions
  -- The widget's user-id, which ElevenLabs records as the conversation's user_id: every call can be
  -- found in ElevenLabs by its session, even one the page could not report. Random, so it tells
  -- ElevenLabs nothing of the tester (never their email or account id) nor of Earshot's URLs.
  ADD COLUMN call_reference     uuid        NOT NULL DEFAULT gen_random_uuid(),
  -- The end of the session's last call, as the page saw it (call_started_at: its first call's start;
  -- conversation_id: its first conversation).
  ADD COLUMN call_ended_at      timestamp,
  -- When the page found that the widget did not load, and how.
  ADD COLUMN widget_failed_at   timestamp,
  ADD COLUMN widget_failure     varchar(30),
  -- Giving the agent back ends the session (status given_back).
  ADD COLUMN given_back_at      timestamp,
  ADD COLUMN given_back_reason  varchar(30),
  -- A problem the tester reported (the latest report).
  ADD COLUMN problem_reported_at timestamp,
  ADD COLUMN problem_reason     varchar(30),
  ADD COLUMN problem_details    varchar(1000),
  ADD CONSTRAINT evaluation_sessions_call_reference_key UNIQUE (call_reference),
  ADD CONSTRAINT evaluation_sessions_widget_failure_check
    CHECK (widget_failure IN ('script', 'not_found', 'refused', 'server_error', 'network', 'malformed',
                              'not_rendered')
           AND (widget_failed_at IS NULL) = (widget_failure IS NULL)),
  ADD CONSTRAINT evaluation_sessions_given_back_check
    CHECK ((status = 'given_back') = (given_back_at IS NOT NULL)
           AND (given_back_at IS NULL) = (given_back_reason IS NULL)
           AND given_back_reason IN ('widget_failed', 'tester_choice')),
  ADD CONSTRAINT evaluation_sessions_problem_check
    CHECK ((problem_reported_at IS NULL) = (problem_reason IS NULL)
           AND problem_reason IN ('could_not_hear', 'not_heard', 'call_dropped', 'said_who_it_is',
                                  'other'));

-- The admin's count of troubled sessions per model reads only the troubled ones.
CREATE INDEX idx_evaluation_sessions_trouble ON evaluation_sessions (playground_id, model_key)
  WHERE status = 'given_back' OR widget_failed_at IS NOT NULL OR problem_reported_at IS NOT NULL;
