-- The head-to-head votes of a playground, tallied in the transaction that adds them (as V16 tallies
-- answers), so that Insights reads a few rows instead of every preference: preferences are only
-- ever inserted (V31: never updated or deleted), so a tally is their count and never drifts.
CREATE TABLE preference_tallies (
  playground_id   uuid        NOT NULL REFERENCES playgrounds (id) ON DELETE CASCADE,
  verdict         varchar(10) NOT NULL,
  first_model_key varchar(50) NOT NULL,
  -- Follows from the verdict and the model met first (V31's preferences_preferred_matches_verdict).
  preferred_model_key varchar(50),
  votes           bigint      NOT NULL,
  PRIMARY KEY (playground_id, verdict, first_model_key)
);

ALTER TABLE preference_tallies ENABLE ROW LEVEL SECURITY;
ALTER TABLE preference_tallies FORCE ROW LEVEL SECURITY;

-- As V16's tallies: the owning admin reads them; only the trigger function (SECURITY DEFINER,
-- running as the owner of this table, the role running this migration) writes them.
CREATE POLICY preference_tallies_select ON preference_tallies FOR SELECT
  USING ((SELECT app_is_admin())
         AND playground_id IN (SELECT id FROM playgrounds
                               WHERE created_by = (SELECT app_current_user_id())));
DO $$
BEGIN
  EXECUTE format('CREATE POLICY preference_tallies_definer ON preference_tallies FOR ALL'
                 ' USING (current_user = %1$L) WITH CHECK (current_user = %1$L)', current_user);
END $$;
GRANT SELECT ON preference_tallies TO ${app_role};

CREATE FUNCTION insights_tally_preferences() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  INSERT INTO preference_tallies AS t (playground_id, verdict, first_model_key,
                                       preferred_model_key, votes)
  SELECT playground_id, verdict, first_model_key, preferred_model_key, count(*)
  FROM new_preferences
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3
  ON CONFLICT (playground_id, verdict, first_model_key) DO UPDATE
    SET votes = t.votes + excluded.votes;
  RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION insights_tally_preferences() FROM PUBLIC;

CREATE TRIGGER preferences_tally AFTER INSERT ON preferences
  REFERENCING NEW TABLE AS new_preferences
  FOR EACH STATEMENT EXECUTE FUNCTION insights_tally_preferences();

-- What is already there.
INSERT INTO preference_tallies (playground_id, verdict, first_model_key, preferred_model_key, votes)
SELECT playground_id, verdict, first_model_key, preferred_model_key, count(*)
FROM preferences
GROUP BY 1, 2, 3, 4;
