-- Up Migration
-- Stream keys (docs/products/nex.md, Live streams and donations): the secret a streamer's encoder
-- sends to the media server, shown once when made (with the stream, or on rotation) and kept only
-- as its SHA-256 digest: 32 random bytes need no slow hash. Only the streamer reads or replaces
-- its row; nobody reads the digest back through the API.

CREATE TABLE nex.stream_keys (
  stream_id uuid PRIMARY KEY REFERENCES nex.streams (id) ON DELETE CASCADE,
  -- The streamer, as on the stream: the row's owner for row-level security.
  account_id uuid NOT NULL,
  key_hash bytea NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  rotated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

ALTER TABLE nex.stream_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY stream_keys_own ON nex.stream_keys FOR ALL TO yorozu_app
  USING (account_id = platform.current_account_id())
  WITH CHECK (
    account_id = platform.current_account_id()
    AND EXISTS (SELECT 1 FROM nex.streams s WHERE s.id = stream_id AND s.account_id = stream_keys.account_id)
  );
GRANT SELECT, INSERT (stream_id, account_id, key_hash), UPDATE (key_hash, rotated_at)
  ON nex.stream_keys TO yorozu_app;

-- Down Migration
DROP TABLE nex.stream_keys;
