-- The id an audit entry is about (a credential's, an offer's), in a column with an index: a
-- credential's history on the console is found by the index instead of by a text search through
-- the department's whole trail. Existing entries get theirs from their detail; the append-only
-- trigger is lifted for that one statement (inside this migration's transaction) and put back.
ALTER TABLE audit_log ADD COLUMN about TEXT;
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;
UPDATE audit_log SET about = detail::jsonb ->> 'id' WHERE jsonb_typeof(detail::jsonb -> 'id') = 'string';
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change;
CREATE INDEX audit_about ON audit_log(department_id, about);
