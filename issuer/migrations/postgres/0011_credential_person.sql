-- Finding credentials in the staff console (issue #24): who each credential was issued to, as
-- the department named the person when offering or issuing it (a name, an email address, an
-- employee number). It is kept here only, never written into the credential by the issuer.
-- `person_key` is the same text normalized by the issuer (trimmed, spaces collapsed, lower
-- case) and is what a search compares: exact or prefix, on the (department, key) index, which
-- holds only the credentials that have a person.
-- The key compares byte by byte (COLLATE "C"), as SQLite compares text, so that a prefix
-- search is the same range on both backends and the index serves it.
ALTER TABLE credentials ADD COLUMN person TEXT;
ALTER TABLE credentials ADD COLUMN person_key TEXT COLLATE "C";
-- The skills a credential names (a skill credential's key, an assignment's skills used), as
-- ',key1,key2,': skill keys are [a-z0-9_], so a key is found by ',key,' inside.
ALTER TABLE credentials ADD COLUMN skill_keys TEXT;
-- The credential's validUntil (or VC 1.1 expirationDate), normalized like issued_at, so that
-- "expired" is a comparison with now.
ALTER TABLE credentials ADD COLUMN valid_until TEXT;
CREATE INDEX credentials_by_person ON credentials (department_id, person_key) WHERE person_key IS NOT NULL;

-- Credentials issued before through an offer: the offer named the person. The key is the
-- database's lower case of the trimmed name (the same as the issuer's for ASCII names; other
-- names issued before this migration are found by the part before their first capital non-ASCII
-- letter). Skills and validity of earlier credentials are not read back from their bodies.
UPDATE credentials SET person = (
    SELECT o.person FROM credential_offers o
    WHERE o.department_id = credentials.department_id AND o.credential_id = credentials.id
);
UPDATE credentials SET person_key = LOWER(TRIM(person)) WHERE person IS NOT NULL;
