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

-- Sign-ins with a department's OpenID Connect provider under way (at most ten minutes): kept
-- here rather than in the browser so that any replica can finish one, and taken (deleted) by
-- the callback that finishes it, so that each is used once. The state is the key, as SHA-256;
-- the PKCE verifier and the nonce stay server-side; the browser that started the sign-in holds
-- a random secret whose SHA-256 is `browser_sha256`, so that nobody else's callback finishes it.
CREATE TABLE oidc_logins (
    state_sha256 TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments(id),
    pkce_verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    browser_sha256 TEXT NOT NULL,
    -- The reader's language when the sign-in started ('en' or 'fr').
    lang TEXT NOT NULL,
    -- Unix seconds.
    expires_at BIGINT NOT NULL
);
CREATE INDEX oidc_logins_by_expiry ON oidc_logins(expires_at);
