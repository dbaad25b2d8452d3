-- The seed's three views, written out. security_invoker: they read through the caller's
-- row-level security, so an admin's dashboard shows only their own playgrounds.

-- One row per playground. total_testers and total_evaluations are the seed's (distinct answering
-- users, answer rows); the rest counts sessions and ratings per model.
CREATE VIEW playground_metrics WITH (security_invoker = true) AS
SELECT p.id,
       p.name,
       p.type,
       p.created_by,
       p.is_active,
       coalesce(a.total_testers, 0)              AS total_testers,
       coalesce(a.total_evaluations, 0)          AS total_evaluations,
       coalesce(s.submitted_sessions, 0)         AS submitted_sessions,
       coalesce(s.model_a_submitted_sessions, 0) AS model_a_submitted_sessions,
       coalesce(s.model_b_submitted_sessions, 0) AS model_b_submitted_sessions,
       a.model_a_average_rating,
       a.model_b_average_rating,
       coalesce(s.open_sessions, 0)              AS open_sessions,
       coalesce(s.abandoned_sessions, 0)         AS abandoned_sessions,
       greatest(a.last_answer_at, s.last_session_at) AS last_activity
FROM playgrounds p
LEFT JOIN LATERAL (
  SELECT count(DISTINCT e.user_id)                            AS total_testers,
         count(e.id)                                          AS total_evaluations,
         avg(e.rating) FILTER (WHERE e.model_key = 'model_a') AS model_a_average_rating,
         avg(e.rating) FILTER (WHERE e.model_key = 'model_b') AS model_b_average_rating,
         max(e.created_at)                                    AS last_answer_at
  FROM evaluations e
  WHERE e.playground_id = p.id
) a ON true
LEFT JOIN LATERAL (
  SELECT count(*) FILTER (WHERE es.status = 'submitted')                            AS submitted_sessions,
         count(*) FILTER (WHERE es.status = 'submitted' AND es.model_key = 'model_a') AS model_a_submitted_sessions,
         count(*) FILTER (WHERE es.status = 'submitted' AND es.model_key = 'model_b') AS model_b_submitted_sessions,
         count(*) FILTER (WHERE es.status = 'assigned'
                            AND (es.expires_at IS NULL OR es.expires_at > now()))     AS open_sessions,
         count(*) FILTER (WHERE es.status = 'expired'
                            OR (es.status = 'assigned' AND es.expires_at <= now()))   AS abandoned_sessions,
         max(greatest(es.started_at, es.submitted_at))                                AS last_session_at
  FROM evaluation_sessions es
  WHERE es.playground_id = p.id
) s ON true;

-- One row per (select question, evaluated model, answer value). The percentage is within the
-- question and model, so a question asked of both models shows A and B side by side. A question
-- without answers yields one row with a NULL answer_value and a zero count.
CREATE VIEW question_metrics WITH (security_invoker = true) AS
SELECT q.id,
       q.question_text,
       q.playground_id,
       coalesce(e.model_key, q.model_key) AS model_key,
       q.model_key                        AS question_model_key,
       e.answer_value,
       (SELECT o ->> 'label' FROM jsonb_array_elements(q.options) o
        WHERE o ->> 'value' = e.answer_value LIMIT 1) AS answer_label,
       count(e.id)                        AS response_count,
       round(100.0 * count(e.id)
             / nullif(sum(count(e.id)) OVER (PARTITION BY q.id, coalesce(e.model_key, q.model_key)), 0),
             2)                           AS percentage
FROM questions q
LEFT JOIN evaluations e ON q.id = e.question_id
WHERE q.question_type = 'select'
GROUP BY q.id, q.question_text, q.playground_id, q.model_key, q.options, e.model_key, e.answer_value;

-- Every free-text answer with where it came from.
CREATE VIEW open_responses WITH (security_invoker = true) AS
SELECT e.id,
       e.playground_id,
       p.name          AS playground_name,
       e.question_id,
       q.question_text,
       e.model_key,
       e.answer_text,
       e.user_id,
       u.email         AS user_email,
       e.session_id,
       e.created_at
FROM evaluations e
JOIN questions q   ON q.id = e.question_id
JOIN playgrounds p ON p.id = e.playground_id
JOIN users u       ON u.id = e.user_id
WHERE q.question_type = 'input_string'
  AND e.answer_text IS NOT NULL;

GRANT SELECT ON playground_metrics, question_metrics, open_responses TO ${app_role};
