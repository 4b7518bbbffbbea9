-- The id an audit entry is about (a credential's, an offer's), in a column with an index: a
-- credential's history on the console is found by the index instead of by a text search through
-- the department's whole trail. Existing entries get theirs from their detail; the append-only
-- trigger is lifted for that one statement and put back as it was.
ALTER TABLE audit_log ADD COLUMN about TEXT;
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET about = json_extract(detail, '$.id')
    WHERE json_valid(detail) AND json_type(detail, '$.id') = 'text';
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE INDEX audit_about ON audit_log(department_id, about);
