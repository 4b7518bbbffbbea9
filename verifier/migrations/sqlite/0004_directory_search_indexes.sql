-- Directory searches over 100,000 profiles (issue #23, "Performance"; docs/PERFORMANCE.md).
-- A search joins each matching skill line to its profile for the profile's expiry, recency and
-- publication time. Without an index holding those columns, every matching line read the
-- profile's row, which carries its outcomes and documents (kilobytes, in SQLite overflow
-- pages before the columns wanted). A search by family counted the distinct skills of each
-- profile from the table as well, since the family index did not hold the skill.
-- Both indexes below answer the search from the index alone.
CREATE INDEX directory_profiles_search ON directory_profiles (id, expires_at, recent_until, published_at);
DROP INDEX directory_skills_family;
CREATE INDEX directory_skills_family ON directory_skills (family, level, valid_until, profile_id, skill);
