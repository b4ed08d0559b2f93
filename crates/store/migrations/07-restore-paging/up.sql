-- The recovery task list pages by any of its sortable columns (keyset: the
-- sort key, then the row id). Each key has its own index so a page reads only
-- its own rows, at row 20 or at row 900,000. The expressions are the ones
-- `task_pages.rs` orders by: a task not started sorts first, one not finished last.
CREATE INDEX restore_jobs_by_start_key ON restore_jobs (IFNULL(start_at, 0), id);
CREATE INDEX restore_jobs_by_end_key ON restore_jobs (IFNULL(finish_at, 9223372036854775807), id);
CREATE INDEX restore_jobs_by_scn_key ON restore_jobs (restore_scn, id);
CREATE INDEX restore_jobs_by_job_key ON restore_jobs (job_id, id);
-- A tenant's page: restores into it on its cluster, or from its backups, by start time.
CREATE INDEX restore_jobs_by_target ON restore_jobs (cluster_id, restore_tenant_name, start_at);
CREATE INDEX restore_jobs_by_source ON restore_jobs (backup_cluster_name, backup_tenant_name, start_at);
