-- Skills-ecosystem figures (issue #25): the skills each presentation or profile request asked
-- for, kept apart from the requests (which are deleted after their retention) so that demand
-- per quarter can be counted; a row names the request by its random path segment and a skill,
-- nothing about a person. Counted per quarter through the (quarter, skill) index.
CREATE TABLE figure_demand (
    request_ref TEXT NOT NULL,
    quarter TEXT NOT NULL,
    skill_key TEXT NOT NULL,
    PRIMARY KEY (request_ref, skill_key)
);
CREATE INDEX figure_demand_by_quarter ON figure_demand (quarter, skill_key);

-- The privacy budget per quarter of this verifier's demand releases, and each release signed.
CREATE TABLE figure_budgets (
    period TEXT PRIMARY KEY,
    epsilon_total DOUBLE PRECISION NOT NULL,
    epsilon_spent DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE TABLE figure_releases (
    id TEXT PRIMARY KEY,
    period TEXT NOT NULL,
    epsilon DOUBLE PRECISION NOT NULL,
    created_at BIGINT NOT NULL,
    body TEXT NOT NULL
);
