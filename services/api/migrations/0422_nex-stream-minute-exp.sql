-- Up Migration
-- `stream_minute` EXP (docs/products/nex.md, Gamification and Live streams and donations): when a
-- stream ends, its streamer earns the action's EXP for each whole minute it was actually live
-- (started_at to ended_at), through nex.award_exp like every other earning, so the action's daily
-- cap applies and each minute's dedupe key (`stream:<id>:<minute>`) makes it once per stream. A
-- trigger, so the streamer's `end` and the media server's `unpublish` both earn it. At most 1440
-- minutes (a day) per stream bounds the work of one statement.

CREATE FUNCTION nex.award_stream_minutes() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
    BEGIN
      PERFORM nex.award_exp(NEW.account_id, 'stream_minute', 'stream', NEW.id, 'stream:' || NEW.id || ':' || minute)
        FROM generate_series(1, least(1440, floor(extract(epoch FROM NEW.ended_at - NEW.started_at) / 60)::integer)) minute;
      RETURN NULL;
    END
  $$;
ALTER FUNCTION nex.award_stream_minutes() OWNER TO yorozu_counters;
REVOKE ALL ON FUNCTION nex.award_stream_minutes() FROM PUBLIC;
CREATE TRIGGER streams_minute_exp AFTER UPDATE OF status ON nex.streams
  FOR EACH ROW WHEN (OLD.status = 'live' AND NEW.status = 'ended')
  EXECUTE FUNCTION nex.award_stream_minutes();

-- Down Migration
DROP TRIGGER streams_minute_exp ON nex.streams;
DROP FUNCTION nex.award_stream_minutes();
