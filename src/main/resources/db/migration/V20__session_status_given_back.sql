-- A tester may give an agent back (its widget would not load, or they chose to): the session ends at
-- once and frees its slot. Its own migration: a new enum value cannot be used in the transaction
-- that adds it.
ALTER TYPE evaluation_session_status ADD VALUE 'given_back';
