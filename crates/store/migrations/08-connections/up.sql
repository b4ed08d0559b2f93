-- How the desk signs in to a cluster it was given (not the sandbox): the
-- sys-tenant user and whether to use TLS. The password is never here: it is in
-- the OS keyring (account `cluster-<id>`) or asked for each session.
ALTER TABLE clusters ADD COLUMN user TEXT NOT NULL DEFAULT 'root@sys';
ALTER TABLE clusters ADD COLUMN tls INTEGER NOT NULL DEFAULT 0 CHECK (tls IN (0, 1));
