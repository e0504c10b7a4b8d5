-- Up Migration
-- A read in one round trip (docs/architecture.md, How a request runs): the list of API keys
-- authenticates the caller, checks the scope, binds the account and reads the page in one
-- statement, sent outside any explicit transaction. The statement is then its own transaction,
-- so `set_config(…, true)` lasts exactly as long as the statement: nothing is bound at session
-- level, and the next statement on the pooled connection starts unbound.
--
-- SECURITY INVOKER: the page is read as the service's role, under the api_keys RLS policy,
-- after the binding (plpgsql runs its statements in order, so the binding provably precedes the
-- query; a binding folded into the query's own SELECT list would not). The credential look-ups
-- are the owner-run find_api_key (0006) and find_account (0007), as in a request's transaction.
-- It runs with the caller's rights, so it needs no pinned search_path; every name is qualified.
--
-- The caller comes first, as one row whose page columns are null: who authenticated, whether
-- the scope allows the read, and whether the key's last use is due to be marked. No row at all
-- means the credential is unknown (401). When the scope is missing (403), no page follows.
CREATE FUNCTION platform.list_api_keys_as(
  p_secret_hash bytea,
  p_account_id uuid,
  p_scope text,
  p_after_created_at timestamptz,
  p_after_id uuid,
  p_take integer
)
  RETURNS TABLE (
    caller_key_id uuid,
    caller_account_id uuid,
    caller_scopes text[],
    caller_touch_due boolean,
    caller_allowed boolean,
    id uuid,
    name text,
    prefix text,
    scopes text[],
    created_at timestamptz,
    last_used_at timestamptz,
    revoked_at timestamptz
  )
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
  AS $$
  #variable_conflict use_column
  DECLARE
    v_key_id uuid;
    v_account_id uuid;
    v_scopes text[];
    v_touch_due boolean := false;
    v_allowed boolean := true;
  BEGIN
    IF p_secret_hash IS NOT NULL THEN
      SELECT k.id, k.account_id, k.scopes, k.touch_due INTO v_key_id, v_account_id, v_scopes, v_touch_due
      FROM platform.find_api_key(p_secret_hash) AS k;
      IF NOT FOUND THEN
        RETURN;
      END IF;
      v_allowed := p_scope = ANY (v_scopes);
    ELSE
      SELECT a.id INTO v_account_id FROM platform.find_account(p_account_id) AS a;
      IF NOT FOUND THEN
        RETURN;
      END IF;
    END IF;
    caller_key_id := v_key_id;
    caller_account_id := v_account_id;
    caller_scopes := v_scopes;
    caller_touch_due := v_touch_due;
    caller_allowed := v_allowed;
    RETURN NEXT;
    IF NOT v_allowed THEN
      RETURN;
    END IF;
    PERFORM pg_catalog.set_config('app.account_id', v_account_id::text, true);
    IF p_after_id IS NULL THEN
      RETURN QUERY
        SELECT NULL::uuid, NULL::uuid, NULL::text[], NULL::boolean, NULL::boolean,
               k.id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at, k.revoked_at
        FROM platform.api_keys AS k
        WHERE k.account_id = v_account_id
        ORDER BY k.created_at DESC, k.id DESC
        LIMIT p_take;
    ELSE
      RETURN QUERY
        SELECT NULL::uuid, NULL::uuid, NULL::text[], NULL::boolean, NULL::boolean,
               k.id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at, k.revoked_at
        FROM platform.api_keys AS k
        WHERE k.account_id = v_account_id
          AND (k.created_at, k.id) < (p_after_created_at, p_after_id)
        ORDER BY k.created_at DESC, k.id DESC
        LIMIT p_take;
    END IF;
  END
  $$;
REVOKE ALL ON FUNCTION platform.list_api_keys_as(bytea, uuid, text, timestamptz, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.list_api_keys_as(bytea, uuid, text, timestamptz, uuid, integer) TO yorozu_app;

-- Down Migration
DROP FUNCTION platform.list_api_keys_as(bytea, uuid, text, timestamptz, uuid, integer);
