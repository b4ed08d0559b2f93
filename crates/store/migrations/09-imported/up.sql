-- Clusters whose history came from an export file, for review: read-only,
-- never synced or acted on, labelled with the file they came from.
ALTER TABLE clusters ADD COLUMN imported_from TEXT;
