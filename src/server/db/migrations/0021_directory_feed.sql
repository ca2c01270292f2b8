-- A county has several feeds of the same kind of source: each municipality's school system has its
-- own SS 12000 API, each employer its own HR export. A feed is one of them, named by the county
-- (`--feed vaxjo-skolsystem`). Links and runs belong to their feed, so a full run of one feed ends
-- only what that feed no longer has, never what another feed delivered.
ALTER TABLE directory_link ADD COLUMN feed text NOT NULL DEFAULT 'default'
  CHECK (feed ~ '^[a-z0-9][a-z0-9._-]{0,62}$');
ALTER TABLE directory_link DROP CONSTRAINT directory_link_pkey;
ALTER TABLE directory_link ADD PRIMARY KEY (source, feed, entity, external_id);

ALTER TABLE directory_import_run ADD COLUMN feed text NOT NULL DEFAULT 'default'
  CHECK (feed ~ '^[a-z0-9][a-z0-9._-]{0,62}$');
DROP INDEX directory_import_run_source_idx;
CREATE INDEX directory_import_run_source_idx ON directory_import_run(source, feed, started_at);
