-- Bitstring Status Lists: which purposes each department publishes, its lists, the indexes
-- handed out in each list (the primary key is what makes an index unique under any number of
-- issuer processes), and where each credential's entries point.
ALTER TABLE departments ADD COLUMN status_purposes TEXT NOT NULL DEFAULT 'revocation,suspension';

CREATE TABLE status_lists (
    department_id TEXT NOT NULL REFERENCES departments(id),
    -- Numbers the list in its department's URL: /{department}/status/{number}.
    number BIGINT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
    size BIGINT NOT NULL,
    -- 1 once every index is handed out: new credentials go to the next list.
    is_full BIGINT NOT NULL DEFAULT 0,
    -- Bumped with every bit change, so every replica knows its published copy is stale.
    version BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (department_id, number),
    UNIQUE (department_id, purpose, number)
);

-- At most one open list per purpose: two processes that both find none cannot both open one.
CREATE UNIQUE INDEX status_lists_one_open ON status_lists(department_id, purpose) WHERE is_full = 0;

CREATE TABLE status_entries (
    department_id TEXT NOT NULL,
    list_number BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    bit BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (department_id, list_number, idx),
    FOREIGN KEY (department_id, list_number) REFERENCES status_lists(department_id, number)
);

ALTER TABLE credentials ADD COLUMN revocation_list BIGINT;
ALTER TABLE credentials ADD COLUMN revocation_index BIGINT;
ALTER TABLE credentials ADD COLUMN suspension_list BIGINT;
ALTER TABLE credentials ADD COLUMN suspension_index BIGINT;
