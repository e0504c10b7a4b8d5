-- Up Migration
-- API-key authentication on the hot path (measured by bench/list-endpoint.ts).
--
-- 0001's platform.authenticate_api_key was a LANGUAGE sql function with an
-- UPDATE in it: PostgreSQL 15 plans a SQL function's statements on every
-- call (0.49 ms of a request's 0.7 ms in the backend), and it ran on a pool
-- connection of its own before the request's transaction. It is split in two
-- plpgsql functions, whose plans are cached per connection:
--
-- - find_api_key: a read. The service calls it inside the request's
--   transaction, in the statement that also binds the transaction to the
--   key's account (src/kernel/auth/authenticate.ts), so a request checks its
--   key and sets `app.account_id` in one round trip on one connection. A
--   revoked key is not found, so it fails on the very next request.
-- - touch_api_key: marks the key used, at most once a minute (0001's rule).
--   The service calls it only when find_api_key says the mark is stale, after
--   the request's transaction, so it is committed whatever the request's
--   outcome and never holds the key's row lock during a request.
--
-- Both run as the owner (the account is not known yet, so RLS cannot apply)
-- and take only a secret's hash, like 0001's credential look-ups.

DROP FUNCTION platform.authenticate_api_key(bytea);

CREATE FUNCTION platform.find_api_key(p_secret_hash bytea)
  RETURNS TABLE (id uuid, account_id uuid, scopes text[], touch_due boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$
  BEGIN
    RETURN QUERY
      SELECT k.id, k.account_id, k.scopes,
             k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'
      FROM platform.api_keys k
      WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL;
  END
  $$;

CREATE FUNCTION platform.touch_api_key(p_secret_hash bytea)
  RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$
  BEGIN
    UPDATE platform.api_keys k SET last_used_at = now()
    WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL
      AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
  END
  $$;

REVOKE ALL ON FUNCTION platform.find_api_key(bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION platform.touch_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.find_api_key(bytea) TO yorozu_app;
GRANT EXECUTE ON FUNCTION platform.touch_api_key(bytea) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.touch_api_key(bytea);
DROP FUNCTION platform.find_api_key(bytea);

CREATE FUNCTION platform.authenticate_api_key(p_secret_hash bytea)
  RETURNS TABLE (id uuid, account_id uuid, scopes text[])
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = platform, pg_temp
  AS $$
    WITH found AS (
      SELECT k.id, k.account_id, k.scopes, k.last_used_at
      FROM platform.api_keys k
      WHERE k.secret_hash = p_secret_hash AND k.revoked_at IS NULL
    ), touched AS (
      UPDATE platform.api_keys k SET last_used_at = now()
      FROM found
      WHERE k.id = found.id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
    )
    SELECT id, account_id, scopes FROM found
  $$;
REVOKE ALL ON FUNCTION platform.authenticate_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.authenticate_api_key(bytea) TO yorozu_app;
