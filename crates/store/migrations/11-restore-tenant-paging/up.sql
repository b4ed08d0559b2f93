-- A tenant's recovery task page is two lists merged: restores into the tenant
-- on its cluster, and restores from its backups wherever they ran. Each list
-- gets, for every sortable column, an index on its scope then the sort key and
-- the row id (the expressions `task_pages.rs` orders by), so each half of a
-- page reads only its own `limit` rows in order, at row 20 or at row 900,000,
-- instead of every restore of the tenant sorted (an OR defeats the indexes).
CREATE INDEX restore_jobs_into_by_job_key ON restore_jobs (cluster_id, restore_tenant_name, job_id, id);
CREATE INDEX restore_jobs_into_by_start_key ON restore_jobs (cluster_id, restore_tenant_name, IFNULL(start_at, 0), id);
CREATE INDEX restore_jobs_into_by_end_key
    ON restore_jobs (cluster_id, restore_tenant_name, IFNULL(finish_at, 9223372036854775807), id);
CREATE INDEX restore_jobs_into_by_scn_key ON restore_jobs (cluster_id, restore_tenant_name, restore_scn, id);
CREATE INDEX restore_jobs_from_by_job_key ON restore_jobs (backup_cluster_name, backup_tenant_name, job_id, id);
CREATE INDEX restore_jobs_from_by_start_key
    ON restore_jobs (backup_cluster_name, backup_tenant_name, IFNULL(start_at, 0), id);
CREATE INDEX restore_jobs_from_by_end_key
    ON restore_jobs (backup_cluster_name, backup_tenant_name, IFNULL(finish_at, 9223372036854775807), id);
CREATE INDEX restore_jobs_from_by_scn_key ON restore_jobs (backup_cluster_name, backup_tenant_name, restore_scn, id);
-- The OR's indexes: each is a prefix of the ones above.
DROP INDEX restore_jobs_by_target;
DROP INDEX restore_jobs_by_source;
