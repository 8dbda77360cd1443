-- The bodies of sent messages, once per message (not per recipient): each recipient's copy is re-rendered
-- from these with that recipient's tokens. PostgreSQL compresses large values (TOAST) on its own.
CREATE TABLE message_contents (
    message_id text PRIMARY KEY,
    html       text NULL,
    text       text NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
