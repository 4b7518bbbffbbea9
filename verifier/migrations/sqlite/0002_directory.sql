-- The opt-in talent directory (issue #23, item 6): a profile is listed only from the person's
-- own verified answer to the "publish my profile" request, until it expires or they withdraw.
-- Searches read `directory_skills` through its indexes (one row per verified skill line), so a
-- search for a skill walks the index range of that skill (and level), never the whole table.
-- Withdrawing deletes the publication and its rows in one transaction. Times are Unix seconds.
CREATE TABLE directory_profiles (
    -- The address of its page (dp-…): never the holder's DID.
    id TEXT PRIMARY KEY,
    -- The DID that signed the answer: one publication per holder (publishing again replaces it).
    holder TEXT NOT NULL UNIQUE,
    -- The judged answer (JSON, per language), as the profile view reads it.
    outcome_en TEXT NOT NULL,
    outcome_fr TEXT NOT NULL,
    -- The Data Integrity credentials of the answer (JSON array), re-verified for their status.
    documents TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- End of the latest verified assignment (a current one: expires_at); 0 without any.
    recent_until BIGINT NOT NULL,
    -- When the statuses were last read again.
    checked_at BIGINT NOT NULL
);
CREATE INDEX directory_profiles_expires_at ON directory_profiles (expires_at);
CREATE INDEX directory_profiles_checked_at ON directory_profiles (checked_at);

CREATE TABLE directory_skills (
    profile_id TEXT NOT NULL,
    -- Which credential of `documents` attests it (-1: one that cannot be re-verified alone).
    document BIGINT NOT NULL,
    skill TEXT NOT NULL,
    family TEXT NOT NULL,
    -- 1 beginner, 2 intermediate, 3 advanced, 4 expert.
    level BIGINT NOT NULL,
    -- The credential's validUntil (far future without).
    valid_until BIGINT NOT NULL
);
CREATE INDEX directory_skills_profile ON directory_skills (profile_id);
CREATE INDEX directory_skills_skill ON directory_skills (skill, level, valid_until, profile_id);
CREATE INDEX directory_skills_family ON directory_skills (family, level, valid_until, profile_id);
