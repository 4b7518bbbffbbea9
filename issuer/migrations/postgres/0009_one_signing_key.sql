-- One signing key per department, whatever the code does: two key rotations at once (two
-- replicas, or two admins) each demoted the signing key they saw and inserted their own, leaving
-- two (found by review). The second rotation now fails on this index and is tried again, and
-- then demotes the first one's key.
CREATE UNIQUE INDEX department_keys_one_signing ON department_keys (department_id) WHERE status = 'signing';
