-- Each backup set and archive piece says which destination holds it (DEST_ID): a
-- restore reads the sets of one data destination and the pieces of one archive
-- destination, so the window is drawn per pair of destinations. Rows cached before
-- this read as destination 0, one destination for all, as the desk saw them then.
ALTER TABLE backup_sets ADD COLUMN dest_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE archive_pieces ADD COLUMN dest_id INTEGER NOT NULL DEFAULT 0;

-- One restore per job. OceanBase 4.x lists each restore twice with one JOB_ID, the
-- sys tenant's job (TENANT_ID = 1) and the restored tenant's own; the desk keeps the
-- sys tenant's, with the tenant's phase beside it. Earlier desks kept both: the
-- tenant's copy of a job whose sys row is cached goes.
ALTER TABLE restore_jobs ADD COLUMN phase TEXT NOT NULL DEFAULT '';
DELETE FROM restore_jobs
 WHERE ob_tenant_id <> 1
   AND EXISTS (SELECT 1 FROM restore_jobs sys
                WHERE sys.cluster_id = restore_jobs.cluster_id
                  AND sys.job_id = restore_jobs.job_id
                  AND sys.ob_tenant_id = 1);
