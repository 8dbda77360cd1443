-- Short project ids (`sid`) name the tracking host p{sid}.<base domain>, so they must be unique and short.
CREATE SEQUENCE project_sid START WITH 1001;

-- Resolves a tracking host back to its project (click fallback URLs, custom domains).
CREATE TABLE project_hosts (
    sid        bigint PRIMARY KEY,
    project_id text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
