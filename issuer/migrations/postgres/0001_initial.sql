-- Departments (tenants), their keys, API tokens, issued credential records and the audit log.
CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    did TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE department_keys (
    verification_method TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments(id),
    public_key_multibase TEXT NOT NULL,
    sealed_secret TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('signing', 'published', 'retired')),
    created_at TEXT NOT NULL
);
CREATE INDEX department_keys_by_department ON department_keys(department_id);

CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments(id),
    secret_hash TEXT NOT NULL,
    scopes TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE credentials (
    id TEXT NOT NULL,
    department_id TEXT NOT NULL REFERENCES departments(id),
    subject TEXT,
    credential_type TEXT NOT NULL,
    achievement TEXT,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    token_id TEXT NOT NULL,
    idempotency_key TEXT,
    -- SHA-256 of the request that used the idempotency key: a retry must be the same request.
    request_sha256 TEXT,
    body TEXT NOT NULL,
    -- Ids are per department: one department cannot take (or probe) another's ids.
    PRIMARY KEY (department_id, id),
    UNIQUE (department_id, idempotency_key)
);
CREATE INDEX credentials_by_department ON credentials(department_id);

CREATE TABLE audit_log (
    seq BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    department_id TEXT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_by_department ON audit_log(department_id, at);

-- Append-only: the audit log cannot be changed or emptied through SQL.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
