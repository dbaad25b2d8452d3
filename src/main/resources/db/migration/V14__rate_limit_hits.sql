-- Sign-in link requests per email and per client address, counted here so that limits hold
-- across app instances. Old rows are deleted by a scheduled clean-up.
CREATE TABLE rate_limit_hits (
  bucket varchar(300) NOT NULL,
  hit_at timestamp    NOT NULL DEFAULT now()
);

CREATE INDEX idx_rate_limit_hits_bucket_hit_at ON rate_limit_hits (bucket, hit_at);

GRANT SELECT, INSERT, DELETE ON rate_limit_hits TO ${app_role};
