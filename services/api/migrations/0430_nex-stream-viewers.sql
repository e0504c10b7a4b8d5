-- Up Migration
-- Viewer counts of streams (docs/products/nex.md, Live streams and donations). Open viewers'
-- feeds are spread over the API's processes, so each open feed keeps a presence row here: inserted
-- when it opens, its `seen_at` refreshed while it stays open, deleted when it closes. A process
-- killed without closing its feeds leaves rows that stop being refreshed: only rows seen within
-- the last 60 seconds (four of the feed's 15-second heartbeats) count, and stale ones are cleared
-- a few at a time when another feed of the stream opens. Rows carry no account: an anonymous
-- viewer counts like any other. Only the counters' role touches them, through the functions below.

CREATE TABLE nex.stream_viewers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  stream_id uuid NOT NULL REFERENCES nex.streams (id) ON DELETE CASCADE,
  seen_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX stream_viewers_stream_idx ON nex.stream_viewers (stream_id, seen_at);
ALTER TABLE nex.stream_viewers ENABLE ROW LEVEL SECURITY;
CREATE POLICY stream_viewers_counters ON nex.stream_viewers FOR ALL TO yorozu_counters USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE, UPDATE (seen_at) ON nex.stream_viewers TO yorozu_counters;

-- The peak of fresh presence rows while the stream was live; raised only, by a conditional UPDATE.
ALTER TABLE nex.streams ADD COLUMN max_viewers integer NOT NULL DEFAULT 0 CHECK (max_viewers >= 0);
GRANT UPDATE (max_viewers) ON nex.streams TO yorozu_counters;

-- Fresh rows, counted up to 100 000 so one count is bounded work.
CREATE FUNCTION nex.stream_viewer_count(stream uuid) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    SELECT count(*)::integer FROM (
      SELECT 1 FROM nex.stream_viewers
      WHERE stream_id = stream AND seen_at > clock_timestamp() - interval '60 seconds'
      LIMIT 100000
    ) fresh
  $$;

-- A feed opens: its row, and at most 100 stale rows of the stream cleared.
CREATE FUNCTION nex.join_stream(stream uuid) RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      viewer uuid;
    BEGIN
      DELETE FROM nex.stream_viewers WHERE id IN (
        SELECT id FROM nex.stream_viewers
        WHERE stream_id = stream AND seen_at <= clock_timestamp() - interval '60 seconds'
        LIMIT 100);
      INSERT INTO nex.stream_viewers (stream_id) VALUES (stream) RETURNING id INTO viewer;
      RETURN viewer;
    END
  $$;

-- Called after join_stream's transaction committed, so of feeds opening together the last to
-- count sees them all: the peak is exact. Only while live, and only ever raised.
CREATE FUNCTION nex.record_peak_viewers(stream uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    DECLARE
      now_viewing integer := nex.stream_viewer_count(stream);
    BEGIN
      UPDATE nex.streams SET max_viewers = greatest(max_viewers, now_viewing)
        WHERE id = stream AND status = 'live' AND max_viewers < now_viewing;
      RETURN FOUND;
    END
  $$;

CREATE FUNCTION nex.touch_stream_viewer(viewer uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      UPDATE nex.stream_viewers SET seen_at = clock_timestamp() WHERE id = viewer;
      RETURN FOUND;
    END
  $$;

CREATE FUNCTION nex.leave_stream(viewer uuid) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      DELETE FROM nex.stream_viewers WHERE id = viewer;
      RETURN FOUND;
    END
  $$;

ALTER FUNCTION nex.stream_viewer_count(uuid) OWNER TO yorozu_counters;
ALTER FUNCTION nex.join_stream(uuid) OWNER TO yorozu_counters;
ALTER FUNCTION nex.record_peak_viewers(uuid) OWNER TO yorozu_counters;
ALTER FUNCTION nex.touch_stream_viewer(uuid) OWNER TO yorozu_counters;
ALTER FUNCTION nex.leave_stream(uuid) OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.stream_viewer_count(uuid), nex.join_stream(uuid), nex.record_peak_viewers(uuid),
  nex.touch_stream_viewer(uuid), nex.leave_stream(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nex.stream_viewer_count(uuid), nex.join_stream(uuid), nex.record_peak_viewers(uuid),
  nex.touch_stream_viewer(uuid), nex.leave_stream(uuid) TO yorozu_app;

-- Down Migration
DROP FUNCTION nex.leave_stream(uuid);
DROP FUNCTION nex.touch_stream_viewer(uuid);
DROP FUNCTION nex.record_peak_viewers(uuid);
DROP FUNCTION nex.join_stream(uuid);
DROP FUNCTION nex.stream_viewer_count(uuid);
ALTER TABLE nex.streams DROP COLUMN max_viewers;
DROP TABLE nex.stream_viewers;
