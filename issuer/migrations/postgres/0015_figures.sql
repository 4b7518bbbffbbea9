-- Skills-ecosystem figures (issue #25): counts of persons per skill, level and quarter,
-- released with differential privacy. The counting is grouped in the database, so each
-- credential says its proficiency level in a column (skill credentials; NULL otherwise; not
-- read back from the bodies of credentials issued before this migration), and the grouped
-- queries of one department and quarter read the (department, type, issued_at) index.
ALTER TABLE credentials ADD COLUMN skill_level TEXT;
CREATE INDEX credentials_for_figures ON credentials (department_id, credential_type, issued_at);

-- The privacy budget of a department for a quarter: the total ε its releases may spend, and
-- what they spent. A release that would go over is refused and publishes nothing.
CREATE TABLE figure_budgets (
    department_id TEXT NOT NULL REFERENCES departments(id),
    period TEXT NOT NULL,
    epsilon_total DOUBLE PRECISION NOT NULL,
    epsilon_spent DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (department_id, period)
);

-- Each release as signed and published at /{department}/figures/{period}/{id}.
CREATE TABLE figure_releases (
    department_id TEXT NOT NULL REFERENCES departments(id),
    id TEXT NOT NULL,
    period TEXT NOT NULL,
    epsilon DOUBLE PRECISION NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (department_id, id)
);
