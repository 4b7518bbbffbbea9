-- OpenID4VCI: credential offers (pre-authorized code flow) and key-proof nonces. Codes, PINs
-- and access tokens are stored only as SHA-256 hashes, like API tokens.
CREATE TABLE credential_offers (
    id TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments(id),
    code_sha256 TEXT NOT NULL UNIQUE,
    tx_code_sha256 TEXT,
    -- Who the offer is for, as the HR system names the person (an employee number, a name).
    person TEXT NOT NULL,
    configuration TEXT NOT NULL,
    -- The template fields (JSON) the credential is built from once the holder's key is known.
    template TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    pin_failures BIGINT NOT NULL DEFAULT 0,
    -- Set once, when the code is exchanged for an access token: the code is single use.
    redeemed_at TEXT,
    token_sha256 TEXT UNIQUE,
    token_expires_at TEXT,
    -- Set once, when the credential is issued: the access token is single use.
    credential_id TEXT
);

CREATE TABLE key_proof_nonces (
    nonce_sha256 TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments(id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX key_proof_nonces_by_expiry ON key_proof_nonces(expires_at);
