-- Up Migration
-- Miyabi's event store (docs/products/miyabi.md, The event store): the original design's
-- DynamoDB table MiyabiEvents, in PostgreSQL. Rows are range-partitioned by their time, one
-- partition per UTC day; a scheduled job creates partitions ahead and drops whole partitions once
-- they are older than the retention (90 days), so expiry never deletes rows one by one
-- (https://www.postgresql.org/docs/current/ddl-partitioning.html, Partition Maintenance).
--
-- The table's two read paths are the original design's two GSIs: by account in time order
-- (GSI1, USER#…) and by repository in time order (GSI2, REPO#…). The unique index on
-- (account_id, created_at, id) serves the first and makes an append idempotent per event id
-- (a unique index of a partitioned table must contain the partition key). No foreign keys: an
-- insert of 1 000 events would check each one, and an event outlives nothing it points at for
-- more than its 90 days.

CREATE TABLE miyabi.events (
  id uuid NOT NULL,
  account_id uuid NOT NULL,
  repository_id uuid,
  -- The original event_type (agent_execution, usage_event, webhook, …): `<word>[.<word>…]`.
  type text NOT NULL CHECK (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' AND length(type) <= 64),
  -- The original sort key's `{entity_id}#{sub_entity_id}`, e.g. `execution:…`, optional.
  subject text CHECK (length(subject) <= 200),
  data jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(data) = 'object'),
  -- The original `timestamp`: when the event happened; the partition key.
  created_at timestamptz NOT NULL
) PARTITION BY RANGE (created_at);

CREATE UNIQUE INDEX events_account_time_idx ON miyabi.events (account_id, created_at, id);
CREATE INDEX events_repository_time_idx ON miyabi.events (repository_id, created_at, id)
  WHERE repository_id IS NOT NULL;

ALTER TABLE miyabi.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_select_own ON miyabi.events FOR SELECT
  USING (account_id = platform.current_account_id());
CREATE POLICY events_insert_own ON miyabi.events FOR INSERT
  WITH CHECK (account_id = platform.current_account_id());
-- Append-only for the service: no UPDATE, no DELETE (expiry drops partitions as the owner).
GRANT SELECT, INSERT ON miyabi.events TO yorozu_app;

-- The day partitions covering [p_from, p_to) (UTC days), created if missing. At most 120 a
-- call, so a caller's mistake cannot create thousands. The advisory lock serialises two
-- callers creating the same partition (CREATE TABLE IF NOT EXISTS still races in the catalog).
CREATE FUNCTION miyabi.create_event_partitions(p_from timestamptz, p_to timestamptz) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  DECLARE
    v_day date := (p_from AT TIME ZONE 'UTC')::date;
    v_last date := ((p_to - interval '1 microsecond') AT TIME ZONE 'UTC')::date;
    v_name text;
    v_created integer := 0;
  BEGIN
    IF v_last - v_day > 120 THEN
      RAISE EXCEPTION 'At most 120 event partitions a call (% to %)', p_from, p_to
        USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('miyabi.events partitions'));
    WHILE v_day <= v_last LOOP
      v_name := 'events_p' || to_char(v_day, 'YYYYMMDD');
      IF to_regclass('miyabi.' || v_name) IS NULL THEN
        EXECUTE format(
          'CREATE TABLE miyabi.%I PARTITION OF miyabi.events FOR VALUES FROM (%L) TO (%L)',
          v_name,
          (v_day::timestamp AT TIME ZONE 'UTC'),
          ((v_day + 1)::timestamp AT TIME ZONE 'UTC')
        );
        v_created := v_created + 1;
      END IF;
      v_day := v_day + 1;
    END LOOP;
    RETURN v_created;
  END
  $$;

-- Drops every day partition that ends at or before p_before; returns their names. A DROP is
-- a catalog change, not a delete: its cost does not depend on how many rows the day held.
CREATE FUNCTION miyabi.drop_event_partitions(p_before timestamptz) RETURNS text[]
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
  DECLARE
    v_partition record;
    v_dropped text[] := '{}';
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('miyabi.events partitions'));
    FOR v_partition IN
      SELECT c.relname
      FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'miyabi.events'::regclass
        AND c.relname ~ '^events_p[0-9]{8}$'
        AND (to_date(substr(c.relname, 9), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC' <= p_before
      ORDER BY c.relname
    LOOP
      EXECUTE format('DROP TABLE miyabi.%I', v_partition.relname);
      v_dropped := v_dropped || v_partition.relname::text;
    END LOOP;
    RETURN v_dropped;
  END
  $$;

-- The partitions that exist, oldest first (for the maintenance report and its tests).
CREATE FUNCTION miyabi.event_partitions() RETURNS text[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT COALESCE(array_agg(c.relname::text ORDER BY c.relname), '{}')
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'miyabi.events'::regclass
  $$;

REVOKE ALL ON FUNCTION miyabi.create_event_partitions(timestamptz, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.drop_event_partitions(timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION miyabi.event_partitions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION miyabi.create_event_partitions(timestamptz, timestamptz) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.drop_event_partitions(timestamptz) TO yorozu_app;
GRANT EXECUTE ON FUNCTION miyabi.event_partitions() TO yorozu_app;

-- Today's partition and the next week's, so the store takes events from the start; the
-- scheduled maintenance keeps a week ahead from then on.
SELECT miyabi.create_event_partitions(date_trunc('day', now()), date_trunc('day', now()) + interval '8 days');

-- Down Migration
DROP FUNCTION miyabi.event_partitions();
DROP FUNCTION miyabi.drop_event_partitions(timestamptz);
DROP FUNCTION miyabi.create_event_partitions(timestamptz, timestamptz);
DROP TABLE miyabi.events;
