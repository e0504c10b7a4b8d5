-- Up Migration
-- File bytes in chunks (docs/architecture.md, Files and generated images): a file's bytes are rows
-- of at most 256 KiB each, keyed by the position of their first byte, so an upload is written and
-- a download read one chunk at a time, and a range reads only the chunks it covers, never one
-- whole value of the file's size. Keyed by position rather than by sequence number, a later
-- chunk size needs no rewrite of the files stored before it.

CREATE TABLE platform.file_chunks (
  file_id uuid NOT NULL REFERENCES platform.files (id) ON DELETE CASCADE,
  -- The file's owner: every tenant row carries its account (the shard key).
  account_id uuid NOT NULL,
  first_byte bigint NOT NULL CHECK (first_byte >= 0),
  bytes bytea NOT NULL CHECK (octet_length(bytes) > 0),
  PRIMARY KEY (file_id, first_byte)
);
-- Media is compressed already: stored out of line without trying again (as files.bytes was).
ALTER TABLE platform.file_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL;

ALTER TABLE platform.file_chunks ENABLE ROW LEVEL SECURITY;
-- A chunk is readable exactly when its file is: the sub-select runs under files_read (a share
-- to the caller or to anyone passes). Written only by the file's owner, with the file.
CREATE POLICY file_chunks_read ON platform.file_chunks FOR SELECT TO yorozu_app
  USING (EXISTS (SELECT 1 FROM platform.files f WHERE f.id = file_id));
CREATE POLICY file_chunks_insert ON platform.file_chunks FOR INSERT TO yorozu_app
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (SELECT 1 FROM platform.files f WHERE f.id = file_id AND f.account_id = platform.current_account_id())
  );
-- Immutable like the file: deleted only with it (ON DELETE CASCADE).
GRANT SELECT, INSERT ON platform.file_chunks TO yorozu_app;

-- Files stored before this migration: their bytes become chunks, then the column goes.
INSERT INTO platform.file_chunks (file_id, account_id, first_byte, bytes)
SELECT f.id, f.account_id, s.first_byte, substring(f.bytes FROM s.first_byte::integer + 1 FOR 262144)
FROM platform.files f, generate_series(0, f.size - 1, 262144) AS s(first_byte);
ALTER TABLE platform.files DROP COLUMN bytes;

-- Down Migration
ALTER TABLE platform.files ADD COLUMN bytes bytea;
ALTER TABLE platform.files ALTER COLUMN bytes SET STORAGE EXTERNAL;
UPDATE platform.files f SET bytes = (
  SELECT string_agg(c.bytes, ''::bytea ORDER BY c.first_byte) FROM platform.file_chunks c WHERE c.file_id = f.id
);
ALTER TABLE platform.files ALTER COLUMN bytes SET NOT NULL;
DROP TABLE platform.file_chunks;
