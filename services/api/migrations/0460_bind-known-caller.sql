-- Up Migration
-- A request whose caller the service already knows (an access token's account, or an API key it
-- authenticated moments ago) sends its binding in the same write as its first statement
-- (docs/architecture.md, Round trips). The binding must then prove itself, because nothing waits
-- for its answer: this function binds the transaction to p_account_id only if the credential
-- still is exactly the caller the service took it for — the same live key, account and scopes,
-- or an account that still exists — and otherwise raises 28000 (invalid authorization), which
-- aborts the transaction before the statement behind it can run. For a read it also makes the
-- transaction read-only (p_read_only): PostgreSQL refuses every write after it, whatever the
-- handler sends.
-- SECURITY INVOKER: the look-ups it calls (find_api_key, find_account) run as their owner.
CREATE FUNCTION platform.bind_known_caller(
  p_secret_hash bytea, p_account_id uuid, p_key_id uuid, p_scopes text[], p_read_only boolean
)
  RETURNS void
  LANGUAGE plpgsql VOLATILE SET search_path = platform, pg_temp
  AS $$
  BEGIN
    IF p_secret_hash IS NULL THEN
      PERFORM FROM platform.find_account(p_account_id);
    ELSE
      PERFORM FROM platform.find_api_key(p_secret_hash) AS k
        WHERE k.id = p_key_id AND k.account_id = p_account_id AND k.scopes = p_scopes;
    END IF;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'the credential is no longer the caller it was taken for'
        USING ERRCODE = 'invalid_authorization_specification';
    END IF;
    PERFORM set_config('app.account_id', p_account_id::text, true);
    IF p_read_only THEN
      PERFORM set_config('transaction_read_only', 'on', true);
    END IF;
  END
  $$;
REVOKE ALL ON FUNCTION platform.bind_known_caller(bytea, uuid, uuid, text[], boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.bind_known_caller(bytea, uuid, uuid, text[], boolean) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.bind_known_caller(bytea, uuid, uuid, text[], boolean);
