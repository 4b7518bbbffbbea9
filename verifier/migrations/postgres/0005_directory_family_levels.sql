-- Directory searches by skill family over 100,000 profiles (issue #23, "Performance";
-- docs/PERFORMANCE.md). A search by family ranks profiles by how many distinct skills of the
-- family they hold verified at the asked level or above, then their best level: computed from
-- `directory_skills` at search time, that counted the lines of most profiles (a family holds up
-- to 89 skills) before the first result. This table holds that count per profile, family and
-- minimum level (1 to 4), with the profile's times copied, so that one index range, already in
-- the order of the results, answers a search by family and stops at its limit.
--
-- A row counts the lines that were valid when it was written; `valid_until` is the earliest
-- validUntil among them, so the row is exact until then. Searches read only rows with
-- `valid_until` after now, and first write again the rows of any profile whose row has passed it
-- (a credential expired since): an expired line never counts, and a profile is never left out
-- for it. Written with the skill rows (publish, status re-check) and deleted with them.
CREATE TABLE directory_family_levels (
    profile_id TEXT NOT NULL,
    family TEXT NOT NULL,
    -- The rows counted have this level or above: 1 beginner to 4 expert.
    min_level BIGINT NOT NULL,
    -- Distinct skills of the family verified at min_level or above, and the best level among them.
    matched BIGINT NOT NULL,
    best_level BIGINT NOT NULL,
    -- The earliest validUntil of the lines counted.
    valid_until BIGINT NOT NULL,
    -- Copies of the publication's (directory_profiles), which never change while it is listed.
    published_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    recent_until BIGINT NOT NULL,
    PRIMARY KEY (profile_id, family, min_level)
);
-- In the order of the results (matched, best level, latest published, id), after the family and level.
CREATE INDEX directory_family_levels_search ON directory_family_levels
    (family, min_level, matched DESC, best_level DESC, published_at DESC, profile_id, valid_until, expires_at, recent_until);
-- The rows that have passed their valid_until, to be written again.
CREATE INDEX directory_family_levels_valid_until ON directory_family_levels (valid_until);

-- The publications already listed: every line counted (expired lines make their rows pass
-- valid_until at once, and the first search writes them again without those lines).
WITH levels(min_level) AS (VALUES (1), (2), (3), (4))
INSERT INTO directory_family_levels
    (profile_id, family, min_level, matched, best_level, valid_until, published_at, expires_at, recent_until)
SELECT s.profile_id, s.family, l.min_level, COUNT(DISTINCT s.skill), MAX(s.level), MIN(s.valid_until),
       p.published_at, p.expires_at, p.recent_until
FROM directory_skills s
JOIN levels l ON s.level >= l.min_level
JOIN directory_profiles p ON p.id = s.profile_id
GROUP BY s.profile_id, s.family, l.min_level, p.published_at, p.expires_at, p.recent_until;
