-- Questions that fit the study (issue 15 §6): the words at the two ends of a rating question's scale
-- ("1 very hard … 5 very easy"), and a short help text under any question. Both are plain text,
-- always rendered escaped.
ALTER TABLE questions
  ADD COLUMN scale_low_label  varchar(60),
  ADD COLUMN scale_high_label varchar(60),
  ADD COLUMN help_text        varchar(500),
  -- Only a rating has a scale; a label, when there is one, says something.
  ADD CONSTRAINT questions_scale_labels_only_for_rating CHECK (
    question_type = 'rating' OR (scale_low_label IS NULL AND scale_high_label IS NULL)),
  ADD CONSTRAINT questions_scale_labels_not_blank CHECK (
    btrim(scale_low_label) <> '' AND btrim(scale_high_label) <> ''),
  ADD CONSTRAINT questions_help_text_not_blank CHECK (btrim(help_text) <> '');

-- Testers of the rating questions that exist keep reading the words they read so far. The owner
-- running this is bound by the forced policies too, which admit nobody without a user: lifted for
-- the backfill only, inside this migration's transaction.
ALTER TABLE questions NO FORCE ROW LEVEL SECURITY;
UPDATE questions SET scale_low_label = 'poor', scale_high_label = 'excellent'
WHERE question_type = 'rating';
ALTER TABLE questions FORCE ROW LEVEL SECURITY;
