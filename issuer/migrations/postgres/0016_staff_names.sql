-- The name each staff member signed in under (from their identity provider's ID token, or a
-- token's label), by the actor the audit trail records: the console shows who did what by name
-- while the trail keeps the stable identity (`oidc:<subject>`, `token:<id>`). Updated at each
-- sign-in; filled from the sign-ins already in the trail.
CREATE TABLE staff_names (
    department_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    display_name TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (department_id, actor)
);
INSERT INTO staff_names (department_id, actor, display_name, seen_at)
    SELECT DISTINCT ON (department_id, actor) department_id, actor, detail::jsonb ->> 'name', at FROM audit_log
    WHERE action = 'session.open' AND department_id IS NOT NULL AND jsonb_typeof(detail::jsonb -> 'name') = 'string'
    ORDER BY department_id, actor, at DESC;
