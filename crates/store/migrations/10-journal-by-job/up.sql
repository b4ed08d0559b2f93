-- The Data Backup Tasks page looks up, for each row, the journal entry that
-- started its job (Task Source); the journal is never pruned.
CREATE INDEX journal_by_job ON journal (cluster_id, job_id) WHERE job_id IS NOT NULL;
