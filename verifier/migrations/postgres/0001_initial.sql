-- The verifier's state (issue #22): presentation requests and their outcomes, single-use
-- challenges, API tokens (hashed), and the request-signing keys (sealed under the master key,
-- which is not in the database). Times are Unix seconds.
CREATE TABLE presentation_requests (
    -- The path segment wallets use (request_uri, response_uri).
    rid TEXT PRIMARY KEY,
    -- The id the requesting party reads the outcome by.
    id TEXT NOT NULL UNIQUE,
    -- Who created it (an API token's id, or 'page').
    created_by TEXT NOT NULL,
    -- The request as signed (JSON): client_id, nonce, state, dcql_query, ...
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    -- The signed request object, served again identically while the request is open.
    jwt TEXT NOT NULL,
    link TEXT NOT NULL,
    policy TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- pending, verifying (an answer is being checked), verified, failed.
    status TEXT NOT NULL,
    -- While verifying: when another answer may take the request again (a replica that died
    -- while checking does not hold it for ever).
    lease_until BIGINT NOT NULL DEFAULT 0,
    failed_attempts BIGINT NOT NULL DEFAULT 0,
    -- The outcome (JSON, per language): final when verified or failed, the last failed
    -- attempt's while pending.
    outcome_en TEXT,
    outcome_fr TEXT,
    -- SHA-256 of the key that opens the page's view of a request started from the page.
    page_key_sha256 TEXT,
    -- Deleted after this: expiry for an unanswered request, the retention for an outcome.
    keep_until BIGINT NOT NULL
);
CREATE INDEX presentation_requests_keep_until ON presentation_requests (keep_until);
CREATE INDEX presentation_requests_open_by ON presentation_requests (created_by, status, expires_at);

CREATE TABLE challenges (
    challenge TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX challenges_expires_at ON challenges (expires_at);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    -- Space-separated: request, read.
    scopes TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE request_keys (
    verification_method TEXT PRIMARY KEY,
    sealed_secret TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT
);
