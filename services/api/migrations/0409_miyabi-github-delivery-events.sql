-- Up Migration
-- GitHub deliveries are recorded as events (docs/products/miyabi.md, GitHub webhooks): the
-- webhook's function now returns the registrations it recorded a delivery for (account,
-- repository, the repository event's id), so the service appends one `webhook.github` event per
-- registration to the event store, in the same transaction as the claim of the delivery id. A
-- replayed delivery returns one row marked duplicate and nothing is appended.

DROP FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb);

CREATE FUNCTION miyabi.receive_github_delivery(
  p_delivery_id uuid, p_event text, p_github_repo_id bigint, p_body_sha256 bytea, p_summary jsonb
) RETURNS TABLE (duplicate boolean, account_id uuid, repository_id uuid, event_id uuid)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = miyabi, pg_temp
  AS $$
-- The result's columns share the tables' names: in this body a name is the table's column.
#variable_conflict use_column
DECLARE
  claimed uuid;
BEGIN
  INSERT INTO miyabi.github_deliveries (delivery_id, event, github_repo_id, body_sha256)
  VALUES (p_delivery_id, p_event, p_github_repo_id, p_body_sha256)
  ON CONFLICT (delivery_id) DO NOTHING
  RETURNING delivery_id INTO claimed;
  IF claimed IS NULL THEN
    RETURN QUERY SELECT true, NULL::uuid, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  IF p_github_repo_id IS NOT NULL THEN
    RETURN QUERY
    WITH recorded AS (
      INSERT INTO miyabi.repository_events AS e
        (account_id, repository_id, delivery_id, event, action, sender, issue_number, pull_request_number, ref)
      SELECT r.account_id, r.id, p_delivery_id, p_event, p_summary->>'action', p_summary->>'sender',
             (p_summary->>'issueNumber')::integer, (p_summary->>'pullRequestNumber')::integer, p_summary->>'ref'
      FROM (SELECT id, account_id FROM miyabi.repositories
            WHERE github_repo_id = p_github_repo_id AND is_active LIMIT 1000) r
      RETURNING e.account_id, e.repository_id, e.id
    )
    SELECT false, recorded.account_id, recorded.repository_id, recorded.id FROM recorded;
  END IF;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, NULL::uuid, NULL::uuid, NULL::uuid;
  END IF;
END $$;
REVOKE ALL ON FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb) TO yorozu_app;

-- Down Migration
DROP FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb);
CREATE FUNCTION miyabi.receive_github_delivery(
  p_delivery_id uuid, p_event text, p_github_repo_id bigint, p_body_sha256 bytea, p_summary jsonb
) RETURNS TABLE (duplicate boolean, recorded integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = miyabi, pg_temp
  AS $$
DECLARE
  claimed uuid;
  n integer := 0;
BEGIN
  INSERT INTO miyabi.github_deliveries (delivery_id, event, github_repo_id, body_sha256)
  VALUES (p_delivery_id, p_event, p_github_repo_id, p_body_sha256)
  ON CONFLICT (delivery_id) DO NOTHING
  RETURNING delivery_id INTO claimed;
  IF claimed IS NULL THEN
    RETURN QUERY SELECT true, 0;
    RETURN;
  END IF;
  IF p_github_repo_id IS NOT NULL THEN
    INSERT INTO miyabi.repository_events
      (account_id, repository_id, delivery_id, event, action, sender, issue_number, pull_request_number, ref)
    SELECT r.account_id, r.id, p_delivery_id, p_event, p_summary->>'action', p_summary->>'sender',
           (p_summary->>'issueNumber')::integer, (p_summary->>'pullRequestNumber')::integer, p_summary->>'ref'
    FROM (SELECT id, account_id FROM miyabi.repositories
          WHERE github_repo_id = p_github_repo_id AND is_active LIMIT 1000) r;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  RETURN QUERY SELECT false, n;
END $$;
REVOKE ALL ON FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.receive_github_delivery(uuid, text, bigint, bytea, jsonb) TO yorozu_app;
