-- What decides an A/B study and how large it is meant to grow (issue 16). Insights lead with the
-- primary measure (a question asked about both agents, or the head-to-head preference); every
-- other test is secondary and corrected for their number. Before the planned number of testers per
-- agent is reached the results are interim. Without a row: no primary measure and no plan.
CREATE TABLE playground_study_plans (
  playground_id             uuid      PRIMARY KEY REFERENCES playgrounds (id) ON DELETE CASCADE,
  primary_question_id       uuid,
  primary_is_preference     boolean   NOT NULL DEFAULT false,
  planned_testers_per_model int,
  updated_by                uuid      REFERENCES users (id) ON DELETE SET NULL,
  updated_at                timestamp NOT NULL DEFAULT now(),
  -- A deleted question stops being primary; the plan stays.
  CONSTRAINT playground_study_plans_question_fkey FOREIGN KEY (primary_question_id, playground_id)
    REFERENCES questions (id, playground_id) ON DELETE SET NULL (primary_question_id),
  CONSTRAINT playground_study_plans_one_primary
    CHECK (NOT (primary_is_preference AND primary_question_id IS NOT NULL)),
  CONSTRAINT playground_study_plans_planned_range
    CHECK (planned_testers_per_model BETWEEN 2 AND 100000)
);

CREATE INDEX idx_playground_study_plans_primary_question_id
  ON playground_study_plans (primary_question_id);

CREATE TRIGGER playground_study_plans_set_updated_at BEFORE UPDATE ON playground_study_plans
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE playground_study_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE playground_study_plans FORCE ROW LEVEL SECURITY;

-- Only the owning admin reads or writes a playground's plan.
CREATE POLICY playground_study_plans_owner ON playground_study_plans FOR ALL
  USING ((SELECT app_is_admin()) AND playground_id IN (
           SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())))
  WITH CHECK ((SELECT app_is_admin()) AND playground_id IN (
                SELECT id FROM playgrounds WHERE created_by = (SELECT app_current_user_id())));

GRANT SELECT, INSERT, UPDATE, DELETE ON playground_study_plans TO ${app_role};
