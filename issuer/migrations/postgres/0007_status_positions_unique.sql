-- 0006 keyed the credentials' unique indexes by their random status index: every commit then
-- wrote index pages all over the B-tree (measured: status entries cost SQLite 23–31% of its
-- issuance rate instead of 15%). Positions are handed out in order, and index =
-- permutation[position] is a bijection, so the same guarantee keyed by position costs an append.
ALTER TABLE credentials ADD COLUMN revocation_position BIGINT;
ALTER TABLE credentials ADD COLUMN suspension_position BIGINT;
DROP INDEX credentials_revocation_entry;
DROP INDEX credentials_suspension_entry;
CREATE UNIQUE INDEX credentials_revocation_position ON credentials (department_id, revocation_list, revocation_position);
CREATE UNIQUE INDEX credentials_suspension_position ON credentials (department_id, suspension_list, suspension_position);
