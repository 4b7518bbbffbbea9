-- A Status List Token says revoked or suspended per entry of one list: rebuilding it looks up
-- the credentials of that list by their revocation or suspension list.
CREATE INDEX credentials_revocation_list ON credentials (department_id, revocation_list);
CREATE INDEX credentials_suspension_list ON credentials (department_id, suspension_list);
