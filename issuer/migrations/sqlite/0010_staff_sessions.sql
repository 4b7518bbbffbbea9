-- Staff console sessions (issue #24): server-side, so that they hold across replicas and can be
-- ended at once (sign-out, time-outs). Only the SHA-256 of the session cookie's secret is kept;
-- the CSRF token of the session's forms is kept in clear (it is sent in every form anyway).
CREATE TABLE staff_sessions (
    id_sha256 TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments(id),
    -- Who, as the audit trail names them: 'token:ID' for a sign-in with an API token.
    actor TEXT NOT NULL,
    -- The name shown on the pages and written in the audit trail.
    display_name TEXT NOT NULL,
    -- Comma-separated scopes: issue, revoke, admin.
    scopes TEXT NOT NULL,
    csrf TEXT NOT NULL,
    -- Unix seconds.
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_by_last_seen ON staff_sessions(last_seen_at);
