-- Where a cluster came from: the built-in sandbox (emulated, in-process) or a
-- connection the administrator added. Sandbox clusters are labelled everywhere.
ALTER TABLE clusters ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0 CHECK (sandbox IN (0, 1));
