-- Indexes are handed out by position. A list's `next_position` counts the positions taken, and
-- position p holds index permutation[p], where the permutation of 0..size is drawn from the
-- list's `permutation_seed` (the same in every process). One counter update reserves a whole
-- block, where one row per index was inserted before (and two replicas inserting overlapping
-- random blocks in different orders could deadlock). `status_entries` now keeps only the bits
-- that were ever changed.
ALTER TABLE status_lists ADD COLUMN next_position BIGINT NOT NULL DEFAULT 0;
ALTER TABLE status_lists ADD COLUMN permutation_seed TEXT;

-- Lists opened before handed out indexes by inserting entries: they take no more credentials.
UPDATE status_lists SET is_full = 1;
DELETE FROM status_entries WHERE bit = 0;

-- An index is used by at most one credential per list: the database says so, whatever the code
-- does. These replace the indexes on (department_id, revocation_list) and (…, suspension_list).
DROP INDEX credentials_revocation_list;
DROP INDEX credentials_suspension_list;
CREATE UNIQUE INDEX credentials_revocation_entry ON credentials (department_id, revocation_list, revocation_index);
CREATE UNIQUE INDEX credentials_suspension_entry ON credentials (department_id, suspension_list, suspension_index);
