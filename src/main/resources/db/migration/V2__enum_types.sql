CREATE TYPE user_role AS ENUM ('admin', 'tester');

CREATE TYPE playground_type AS ENUM ('ab_testing', 'tuning');

-- 'rating' is Earshot's extension: a 1-5 mean-opinion-score answer, stored in evaluations.rating.
CREATE TYPE question_type AS ENUM ('select', 'input_string', 'rating');

CREATE TYPE evaluation_session_status AS ENUM ('assigned', 'submitted', 'expired');
