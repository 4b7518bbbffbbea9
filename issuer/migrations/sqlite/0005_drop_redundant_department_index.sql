-- The primary key (department_id, id) already orders credentials by department, so lookups and
-- counts by department use it; the separate index on department_id only cost every issuance one
-- more index write.
DROP INDEX credentials_by_department;
