-- Up Migration
-- Viewers' feed of a stream (docs/products/nex.md, Live streams and donations): each status move
-- and each confirmed donation is appended here by a trigger, numbered for `Last-Event-ID`, and
-- wakes the process's listener (the jobs' channel, keyed by the stream's id) so open Server-Sent
-- Events streams read it at once. Streams are public, and so is their feed; an anonymous donor's
-- username is left out when the event is written, so no reader can ever see it.

CREATE TABLE nex.stream_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_id uuid NOT NULL REFERENCES nex.streams (id) ON DELETE CASCADE,
  event text NOT NULL CHECK (event IN ('status', 'donation')),
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX stream_events_stream_idx ON nex.stream_events (stream_id, seq);

ALTER TABLE nex.stream_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY stream_events_read ON nex.stream_events FOR SELECT TO yorozu_app USING (true);
GRANT SELECT ON nex.stream_events TO yorozu_app;
CREATE POLICY stream_events_counters ON nex.stream_events FOR INSERT TO yorozu_counters WITH CHECK (true);
GRANT INSERT (stream_id, event, data) ON nex.stream_events TO yorozu_counters;
GRANT SELECT (account_id, username) ON nex.creators TO yorozu_counters;

CREATE FUNCTION nex.record_stream_status() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      INSERT INTO nex.stream_events (stream_id, event, data)
      VALUES (NEW.id, 'status', jsonb_build_object('status', NEW.status,
        'startedAt', to_char(NEW.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'endedAt', to_char(NEW.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
      PERFORM pg_notify('platform_job_events', NEW.id::text);
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.record_stream_status() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.record_stream_status() FROM PUBLIC;
CREATE TRIGGER streams_feed AFTER UPDATE OF status ON nex.streams
  FOR EACH ROW WHEN (OLD.status <> NEW.status)
  EXECUTE FUNCTION nex.record_stream_status();

CREATE FUNCTION nex.record_stream_donation() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      INSERT INTO nex.stream_events (stream_id, event, data)
      SELECT NEW.stream_id, 'donation', jsonb_build_object('id', NEW.id,
        'donorUsername', CASE WHEN NEW.is_anonymous THEN NULL ELSE c.username END,
        'amount', NEW.amount, 'currency', NEW.currency, 'message', NEW.message, 'isAnonymous', NEW.is_anonymous)
      FROM (SELECT 1) one LEFT JOIN nex.creators c ON c.account_id = NEW.account_id;
      PERFORM pg_notify('platform_job_events', NEW.stream_id::text);
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.record_stream_donation() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.record_stream_donation() FROM PUBLIC;
CREATE TRIGGER donations_feed AFTER UPDATE OF status ON nex.donations
  FOR EACH ROW WHEN (OLD.status = 'pending' AND NEW.status = 'confirmed')
  EXECUTE FUNCTION nex.record_stream_donation();

-- Down Migration
DROP TRIGGER donations_feed ON nex.donations;
DROP FUNCTION nex.record_stream_donation();
DROP TRIGGER streams_feed ON nex.streams;
DROP FUNCTION nex.record_stream_status();
DROP TABLE nex.stream_events;
