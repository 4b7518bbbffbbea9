-- CSV uploads of the staff console (issue #24): a job issues the file's rows in the background
-- and each row's result is written as it completes, so that the progress and the results read
-- the same on every replica and a finished job's results survive a restart. A job belongs to
-- its department: it is only ever read with its department's id.
CREATE TABLE upload_jobs (
    id TEXT PRIMARY KEY,
    department_id TEXT NOT NULL REFERENCES departments(id),
    -- Who uploaded it, as the audit trail names them.
    actor TEXT NOT NULL,
    file_name TEXT NOT NULL,
    -- Data rows in the file.
    total BIGINT NOT NULL,
    -- Unix seconds: created, last row written, finished (NULL while running).
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX upload_jobs_by_department ON upload_jobs(department_id, created_at);

-- One row of a job, once done. `number` is its record number (what identifies a row without a
-- row_id), `line` the file's line it starts on (what a person is told).
CREATE TABLE upload_rows (
    job_id TEXT NOT NULL REFERENCES upload_jobs(id),
    number BIGINT NOT NULL,
    line BIGINT NOT NULL,
    -- 'issued', 'skipped' (issued by an earlier upload of the same row) or 'rejected'.
    status TEXT NOT NULL,
    credential_id TEXT,
    code TEXT,
    reason_en TEXT,
    reason_fr TEXT,
    -- A rejected row's columns as read (a JSON array), for the report of rejected rows.
    row_columns TEXT,
    PRIMARY KEY (job_id, number)
);
