-- What ElevenLabs recorded of each session's call, fetched after the call (the conversation module's
-- job or ElevenLabs' post-call webhook). One row per session: a session's first conversation, as
-- evaluation_sessions.conversation_id names it, or the one found in ElevenLabs by the session's
-- call_reference (the widget's user-id). All of it is third-party text: shown escaped, exported
-- defused, never trusted.
CREATE TABLE conversations (
  session_id         uuid         PRIMARY KEY REFERENCES evaluation_sessions (id) ON DELETE CASCADE,
  playground_id      uuid         NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  conversation_id    varchar(255) NOT NULL,
  agent_id           varchar(255) NOT NULL,
  -- ElevenLabs' status when last read: initiated, in-progress, processing, done, failed (kept as
  -- sent, so a status ElevenLabs adds later is stored rather than refused).
  status             varchar(30)  NOT NULL,
  version_id         varchar(255),
  branch_id          varchar(255),
  started_at         timestamp,
  duration_secs      int,
  termination_reason text,
  main_language      varchar(20),
  -- analysis.call_successful: success, failure, unknown; NULL while ElevenLabs has not analysed it.
  call_successful    varchar(20),
  transcript_summary text,
  -- [{"role": "agent"|"user", "message": text|null, "time_in_call_secs": int, "interrupted": bool,
  --   "tool_calls": [names]}], in call order.
  transcript         jsonb        NOT NULL DEFAULT '[]',
  -- {"<criteria_id>": {"result": "success"|"failure"|"unknown", "rationale": text}}
  evaluation_results jsonb        NOT NULL DEFAULT '{}',
  -- {"<data_collection_id>": {"value": any, "rationale": text}}
  data_collection    jsonb        NOT NULL DEFAULT '{}',
  has_audio          boolean      NOT NULL DEFAULT false,
  fetched_at         timestamp    NOT NULL DEFAULT now(),
  CONSTRAINT conversations_conversation_id_key UNIQUE (conversation_id),
  CONSTRAINT conversations_duration_check CHECK (duration_secs >= 0)
);

CREATE INDEX idx_conversations_playground_id ON conversations (playground_id);

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;

-- The owning admin reads their playgrounds' conversations; testers never read them (not even their
-- own: the transcript may name the agent the tester must not know).
CREATE POLICY conversations_select ON conversations FOR SELECT
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT ON conversations TO ${app_role};
