-- One signing key per department, whatever the code does: two key rotations at once (two
-- replicas, or two admins) each demoted the signing key they saw and inserted their own, leaving
-- two (found by review). The second rotation now fails on this index and is tried again, and
-- then demotes the first one's key.
-- A database where that already happened keeps its newest signing key; the others stay
-- published (still in the DID document), as a rotation would have left them.
UPDATE department_keys SET status = 'published'
WHERE status = 'signing' AND EXISTS (
    SELECT 1 FROM department_keys newer
    WHERE newer.department_id = department_keys.department_id AND newer.status = 'signing'
      AND (newer.created_at > department_keys.created_at
           OR (newer.created_at = department_keys.created_at
               AND newer.verification_method > department_keys.verification_method)));
CREATE UNIQUE INDEX department_keys_one_signing ON department_keys (department_id) WHERE status = 'signing';
