-- Where each department key lives: `file`, sealed under the master key in `sealed_secret` as
-- before, or `pkcs11`, generated inside a hardware security module and labelled there by its
-- verification method (its `sealed_secret` is empty: no private key material is stored here).
-- A rotation makes the department's next key in the same place as its signing key.
ALTER TABLE department_keys ADD COLUMN backend TEXT NOT NULL DEFAULT 'file' CHECK (backend IN ('file', 'pkcs11'));
