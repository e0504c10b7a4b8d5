-- Up Migration
-- The media server's ingest webhook (docs/products/nex.md, Live streams and donations) names a
-- stream only by its key, before any account is bound: this function, and nothing else, finds the
-- stream and its streamer from the key's SHA-256 digest, so the webhook can then act as the
-- streamer. Without a matching digest it returns no row, whatever streams exist.

CREATE FUNCTION nex.stream_for_key(digest bytea) RETURNS TABLE (stream_id uuid, account_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT k.stream_id, k.account_id FROM nex.stream_keys k WHERE k.key_hash = digest $$;
REVOKE ALL ON FUNCTION nex.stream_for_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.stream_for_key(bytea) TO yorozu_app;

-- Down Migration
DROP FUNCTION nex.stream_for_key(bytea);
