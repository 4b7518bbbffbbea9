-- Figures over millions of credentials (issue #25): SQLite groups by sorting, so the counting
-- reads a department's quarter from indexes already in the order it groups by, holding every
-- column the counting reads (the rows themselves are not visited). The expressions are the
-- store's: the quarter issued in ("2026Q3") and the person counted (the subject, else the
-- person reference). One index in (skill, level, person) order for skill credentials, one in
-- (type, person) order for the bound per person and the skills of assignments. They replace
-- the (department, type, issued_at) index of 0015.
DROP INDEX credentials_for_figures;
CREATE INDEX credentials_figures_by_cell ON credentials (
    department_id, (SUBSTR(issued_at, 1, 4) || CASE WHEN SUBSTR(issued_at, 6, 2) <= '03' THEN 'Q1' WHEN SUBSTR(issued_at, 6, 2) <= '06' THEN 'Q2' WHEN SUBSTR(issued_at, 6, 2) <= '09' THEN 'Q3' ELSE 'Q4' END),
    skill_keys, skill_level, (COALESCE(subject, 'ref:' || person_key)),
    subject, person_key, issued_at, valid_until, revocation_list, revocation_index, suspension_list, suspension_index
) WHERE credential_type = 'SkillCredential';
CREATE INDEX credentials_figures_by_person ON credentials (
    department_id, credential_type, (SUBSTR(issued_at, 1, 4) || CASE WHEN SUBSTR(issued_at, 6, 2) <= '03' THEN 'Q1' WHEN SUBSTR(issued_at, 6, 2) <= '06' THEN 'Q2' WHEN SUBSTR(issued_at, 6, 2) <= '09' THEN 'Q3' ELSE 'Q4' END),
    (COALESCE(subject, 'ref:' || person_key)), skill_keys, skill_level,
    subject, person_key, issued_at, valid_until, revocation_list, revocation_index, suspension_list, suspension_index
);
